import Foundation
import MizPersian
import MizSchema

extension FeedbackRoutes {
    /// The groups of a message's number.
    static let messageNumberGroups = 2

    /// `feedback.messageSubmit`: a message from anyone, limited per client address; past the
    /// limit a solved challenge lets it through.
    ///
    /// The reply is the sender's confirmation: the contact mobile in it is masked.
    package func submitMessage(_ request: MessageSubmitRequest, caller: Caller, idempotencyKey: String?) async throws
        -> FeedbackMessage
    {
        var problems: [FieldError] = []
        let text = FeedbackInput.text(request.text, field: "text", problems: &problems)
        let serviceCode = FeedbackInput.serviceCode(request.serviceCode, problems: &problems)
        let province = FeedbackInput.province(request.province, problems: &problems)
        var mobile: MobileNumber?
        if let typed = request.contactMobile, !typed.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            do {
                mobile = try MobileNumber(validating: typed)
            } catch {
                problems.append(FieldError(field: "contactMobile", message: error.persianMessage))
            }
        }
        let address = Self.clientAddress(caller)
        let moment = now()
        var spending: (nonce: String, expiresAt: Date)?
        let token = request.challengeToken?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        let answer = request.challengeAnswer?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if !token.isEmpty || !answer.isEmpty {
            if token.isEmpty || answer.isEmpty {
                problems.append(FieldError(field: "challengeAnswer", message: "به پرسش امنیتی پاسخ دهید"))
            } else {
                let clientKey = challenger.clientKey(for: address)
                let windowStart = moment.addingTimeInterval(-policy.messageWindow)
                let failures = try await store.challengeFailures(clientKey: clientKey, since: windowStart)
                guard failures < policy.challengeFailuresPerWindow else {
                    throw BusError(
                        .tooManyRequests,
                        message: "پاسخ‌های نادرست زیادی از این نشانی رسیده است؛ لطفاً ساعتی بعد دوباره تلاش کنید.")
                }
                do {
                    spending = try challenger.verify(token: token, answer: answer, clientAddress: address, now: moment)
                } catch .expired {
                    problems.append(
                        FieldError(
                            field: "challengeAnswer",
                            message: "زمان پاسخ به پرسش امنیتی گذشته است؛ به پرسش تازه پاسخ دهید"))
                } catch {
                    try await store.recordChallengeFailure(clientKey: clientKey, at: moment, forgetBefore: windowStart)
                    problems.append(FieldError(field: "challengeAnswer", message: "پاسخ پرسش امنیتی درست نیست"))
                }
            }
        }
        guard problems.isEmpty else { throw BusError.invalidInput(problems) }
        let message = FeedbackMessage(
            messageNumber: TrackingNumber.make(groups: Self.messageNumberGroups), kind: request.kind,
            serviceCode: serviceCode, province: province, contactMobile: mobile?.digits, text: text, status: .new,
            createdAt: moment, closedAt: nil)
        var stored: FeedbackMessage
        do {
            stored = try await store.insertMessage(
                message, clientKey: challenger.clientKey(for: address),
                windowStart: moment.addingTimeInterval(-policy.messageWindow), limit: policy.messagesPerWindow,
                hardLimit: policy.messagesHardLimit, spending: spending, idempotencyKey: idempotencyKey)
        } catch FeedbackStoreError.rateLimited(let challengeAllowed) {
            guard challengeAllowed else { throw BusError(.tooManyRequests) }
            throw BusError(
                .tooManyRequests,
                message: "از این نشانی پیام‌های زیادی فرستاده شده است؛ برای ادامه به پرسش امنیتی پاسخ دهید.",
                fields: [FieldError(field: "challengeAnswer", message: "پاسخ به پرسش امنیتی لازم است")])
        } catch FeedbackStoreError.challengeSpent {
            throw BusError.invalidInput([
                FieldError(
                    field: "challengeAnswer", message: "این پرسش پیش از این پاسخ داده شده است؛ به پرسش تازه پاسخ دهید")
            ])
        } catch FeedbackStoreError.idempotencyKeyReused {
            throw Self.idempotencyKeyReused
        }
        stored.contactMobile = (stored.contactMobile).flatMap { try? MobileNumber(validating: $0) }?.masked
        return stored
    }

    /// `feedback.messageChallenge`: a question for the caller's address.
    package func messageChallenge(caller: Caller) -> MessageChallenge {
        challenger.challenge(clientAddress: Self.clientAddress(caller), now: now(), lifetime: policy.challengeLifetime)
    }

    /// `feedback.messages`: the messages a staff member may see.
    package func messages(_ request: MessageListQuery, caller: Caller) async throws -> MessageList {
        let scope = try FeedbackAccess.staffScope(caller)
        var problems: [FieldError] = []
        FeedbackInput.page(request.page, size: request.pageSize, problems: &problems)
        let province = FeedbackInput.province(request.province, problems: &problems)
        guard problems.isEmpty else { throw BusError.invalidInput(problems) }
        var filter = MessageFilter(provinces: scope, status: request.status, kind: request.kind)
        if let province {
            guard FeedbackAccess.covers(scope, province: province) else {
                throw BusError(.forbidden, message: "شما برای این استان دسترسی ندارید.")
            }
            filter.provinces = [province]
        }
        let (items, total) = try await store.messages(
            filter, offset: (request.page - 1) * request.pageSize, limit: request.pageSize)
        return MessageList(items: items, total: total, page: request.page, pageSize: request.pageSize)
    }

    /// `feedback.messageClose`: staff mark a message of their provinces handled.
    package func closeMessage(_ request: MessageQuery, caller: Caller) async throws -> FeedbackMessage {
        let scope = try FeedbackAccess.staffScope(caller)
        let notFound = BusError(.notFound, message: "پیامی با این شماره یافت نشد.")
        guard let number = TrackingNumber.canonical(request.messageNumber, groups: Self.messageNumberGroups),
            let message = try await store.message(number: number),
            FeedbackAccess.covers(scope, province: message.province)
        else { throw notFound }
        do {
            return try await store.closeMessage(number: number, now: now())
        } catch FeedbackStoreError.messageMissing {
            throw notFound
        }
    }

    /// The address a rate limit counts for; callers without one share a single budget.
    private static func clientAddress(_ caller: Caller) -> String {
        let address = caller.clientAddress?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        return address.isEmpty ? "unknown" : address
    }
}
