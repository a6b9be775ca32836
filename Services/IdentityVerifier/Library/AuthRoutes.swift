import Logging
import MizBus
import MizSchema

/// The identity service's login, session and staff routes on the bus; every handler takes
/// the caller from the envelope.
package struct AuthRoutes: Sendable {
    package let citizens: CitizenLogin
    package let staff: StaffAccounts
    package let sessions: SessionAuthority

    package init(citizens: CitizenLogin, staff: StaffAccounts, sessions: SessionAuthority) {
        self.citizens = citizens
        self.staff = staff
        self.sessions = sessions
    }

    /// Serves the routes on `worker`.
    package func register(on worker: BusWorker) {
        worker.register(Routes.Identity.loginStart) { request, context in
            try await citizens.start(request, caller: context.caller, logger: context.logger)
        }
        worker.register(Routes.Identity.loginVerify) { request, context in
            try await citizens.verify(request, caller: context.caller, logger: context.logger)
        }
        worker.register(Routes.Identity.session) { request, _ in
            try await sessions.resolve(request.token)
        }
        worker.register(Routes.Identity.logout) { request, _ in
            try await sessions.revoke(request.token)
        }
        worker.register(Routes.Identity.staffLogin) { request, context in
            try await staff.login(request, caller: context.caller, logger: context.logger)
        }
        worker.register(Routes.Identity.staffCreate) { request, context in
            try await staff.create(request, caller: context.caller, logger: context.logger)
        }
        worker.register(Routes.Identity.staffResetPassword) { request, context in
            try await staff.resetPassword(request, caller: context.caller, logger: context.logger)
        }
        worker.register(Routes.Identity.staffList) { _, context in
            try await staff.list(caller: context.caller)
        }
        worker.register(Routes.Identity.staffUpdate) { request, context in
            try await staff.update(request, caller: context.caller, logger: context.logger)
        }
        worker.register(Routes.Identity.auditList) { request, context in
            try await staff.auditList(request, caller: context.caller)
        }
    }
}
