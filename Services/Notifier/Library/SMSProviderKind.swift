import ArgumentParser

/// Which SMS provider the notifier uses, chosen by `--sms-provider`.
package enum SMSProviderKind: String, Sendable, CaseIterable, ExpressibleByArgument {
    /// Messages appended to `<data>/sms-outbox.jsonl` (local runs; read them on `/dev/sms`).
    case file
    /// A generic SMS web service, configured by URL and key.
    case http
}
