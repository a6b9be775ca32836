/// A way to get an SMS to a phone: the `file` provider of a local run or an SMS web service.
package protocol SMSProvider: Sendable {
    /// Hands `sms` to the provider once; never throws, every failure is an outcome.
    func deliver(_ sms: OutgoingSMS) async -> SMSDeliveryOutcome
}
