import MizSchema

/// The authorization rules of the requests service, from the envelope's `Caller`.
///
/// A citizen asking for another citizen's request gets `notFound`, exactly as for a request
/// that does not exist, so ids cannot be probed; staff of another province get `forbidden`.
package enum RequestAccess {
    /// The logged-in citizen's national code, or `unauthorized` / `forbidden`.
    package static func citizen(_ caller: Caller) throws -> String {
        switch caller.kind {
        case .citizen:
            guard let code = caller.nationalCode, !code.isEmpty else { throw BusError(.unauthorized) }
            return code
        case .anonymous: throw BusError(.unauthorized, message: "برای این کار ابتدا با کد ملی وارد پنل کاربری شوید.")
        case .staff, .service: throw BusError(.forbidden, message: "این کار فقط از پنل شهروند ممکن است.")
        }
    }

    /// The staff member's id and whether they are an administrator, or `unauthorized` / `forbidden`.
    package static func staff(_ caller: Caller) throws -> (id: String, isAdministrator: Bool, provinces: [String]) {
        switch caller.kind {
        case .staff:
            guard let id = caller.staffId, !id.isEmpty else { throw BusError(.unauthorized) }
            return (id, caller.role == .administrator, caller.provinces ?? [])
        case .anonymous: throw BusError(.unauthorized, message: "برای این کار ابتدا با حساب کارمندی وارد شوید.")
        case .citizen, .service: throw BusError(.forbidden, message: "این بخش فقط برای کارشناسان استان است.")
        }
    }

    /// Whether staff with these rights work for `province`.
    package static func covers(_ staff: (id: String, isAdministrator: Bool, provinces: [String]), _ province: String)
        -> Bool
    {
        staff.isAdministrator || staff.provinces.contains(province)
    }

    /// Who the caller is to `request`, or the error they get.
    ///
    /// - Parameter allowService: whether a desk service may read (only `requests.ownership`).
    package static func viewer(of request: StoredRequest, caller: Caller, allowService: Bool = false) throws
        -> RequestViewer
    {
        switch caller.kind {
        case .anonymous:
            throw BusError(.unauthorized, message: "برای دیدن این درخواست ابتدا وارد شوید.")
        case .citizen:
            guard let code = caller.nationalCode, code == request.applicant.nationalCode else { throw notFound }
            return .owner
        case .staff:
            let staff = try staff(caller)
            guard covers(staff, request.province) else {
                throw BusError(.forbidden, message: "این درخواست از استان دیگری است و در کارتابل شما نیست.")
            }
            return .staff(id: staff.id, isAdministrator: staff.isAdministrator)
        case .service:
            guard allowService else { throw BusError(.forbidden) }
            return .service
        }
    }

    /// The one answer for an unknown request, another's request and a wrong tracking code.
    package static var notFound: BusError {
        BusError(.notFound, message: "درخواستی با این مشخصات یافت نشد.")
    }

    /// The actor string of history and audit: `citizen:<national code>` or `staff:<id>`.
    package static func actor(_ caller: Caller) -> String {
        switch caller.kind {
        case .citizen: "citizen:\(caller.nationalCode ?? "")"
        case .staff: "staff:\(caller.staffId ?? "")"
        case .service: "service:\(caller.service ?? "")"
        case .anonymous: "anonymous"
        }
    }
}
