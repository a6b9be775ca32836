import ArgumentParser
import Foundation
import MizRuntime

/// The notifier's own flags, each defaulting to a `MIZ_…` environment variable and then to a
/// local run's value (the `file` provider).
package struct NotifierOptions: ParsableArguments, Sendable {
    @Flag(
        name: .customLong("development"),
        help: "Development mode: serves notifier.devInbox for the /dev/sms page (MIZ_DEVELOPMENT=1).")
    package var development = false

    @Option(name: .customLong("sms-provider"), help: "SMS provider: file or http (MIZ_SMS_PROVIDER).")
    package var smsProvider: SMSProviderKind =
        SMSProviderKind(rawValue: EnvironmentDefault.string("MIZ_SMS_PROVIDER", "file")) ?? .file

    @Option(name: .customLong("sms-url"), help: "The SMS web service's endpoint, for http (MIZ_SMS_URL).")
    package var smsURL: String = EnvironmentDefault.string("MIZ_SMS_URL", "")

    @Option(name: .customLong("sms-key"), help: "The SMS web service's key; prefer the variable (MIZ_SMS_KEY).")
    package var smsKey: String = EnvironmentDefault.string("MIZ_SMS_KEY", "")

    @Option(name: .customLong("sms-timeout"), help: "Seconds one delivery attempt may take (MIZ_SMS_TIMEOUT).")
    package var smsTimeout: Double = EnvironmentDefault.double("MIZ_SMS_TIMEOUT", 5)

    @Option(
        name: .customLong("sms-max-attempts"), help: "Attempts per message before it fails (MIZ_SMS_MAX_ATTEMPTS).")
    package var smsMaxAttempts: Int = EnvironmentDefault.int("MIZ_SMS_MAX_ATTEMPTS", 8)

    @Option(
        name: .customLong("sms-hourly-limit"),
        help: "Messages per recipient per hour; more fail as rateLimited (MIZ_SMS_HOURLY_LIMIT).")
    package var smsHourlyLimit: Int = EnvironmentDefault.int("MIZ_SMS_HOURLY_LIMIT", 10)

    package init() {}

    /// Development mode from the flag or `MIZ_DEVELOPMENT=1`.
    package var isDevelopment: Bool {
        development || ["1", "true", "yes"].contains(EnvironmentDefault.string("MIZ_DEVELOPMENT", "0").lowercased())
    }

    /// The provider the flags choose, writing to `dataFolder` for `file`.
    package func makeProvider(dataFolder: URL) throws -> any SMSProvider {
        switch smsProvider {
        case .file:
            return FileSMSProvider(path: dataFolder.appendingPathComponent(FileSMSProvider.fileName).path)
        case .http:
            guard let url = URL(string: smsURL), url.scheme?.hasPrefix("http") == true else {
                throw ValidationError("--sms-provider http needs --sms-url (an http or https URL)")
            }
            return HTTPSMSProvider(url: url, key: smsKey, timeout: .milliseconds(Int64(max(0.05, smsTimeout) * 1000)))
        }
    }
}
