import Foundation
import HTTPTypes
import Hummingbird
import MizBus
import MizSchema
import NIOCore

/// The gateway's calls to the `requests` service, shared by the JSON API and the pages: each
/// carries the HTTP request's caller (the session's, with the client address) and trace id.
/// Who may read or change what is the requests service's decision, never the gateway's.
package struct RequestsClient: Sendable {
    let client: BusClient
    /// How long a change may take: a submit waits for the catalog and the registry.
    static let timeout: Duration = .seconds(15)
    /// How long a read may take: reads are retried until then when no worker answers, so a
    /// page says "unavailable" soon rather than hanging.
    static let readTimeout: Duration = .seconds(4)

    package init(client: BusClient) {
        self.client = client
    }

    /// Calls a route without files.
    func call<Request: Encodable & Sendable, Reply: Decodable & Sendable>(
        _ route: Route<Request, Reply>, _ request: Request, _ context: GatewayRequestContext,
        idempotencyKey: String? = nil
    ) async throws -> Reply {
        try await client.call(
            route, request, timeout: route.isIdempotent ? Self.readTimeout : Self.timeout, caller: context.caller,
            idempotencyKey: idempotencyKey, traceId: context.traceId)
    }

    /// Submits an application with its files as attachment frames, in the order of
    /// `submission.documents`.
    func submit(
        _ submission: RequestSubmission, files: [Data], idempotencyKey: String?, context: GatewayRequestContext
    ) async throws -> RequestReceipt {
        try await client.call(
            Routes.Requests.submit, submission, timeout: Self.timeout, caller: context.caller,
            idempotencyKey: idempotencyKey, traceId: context.traceId, attachments: files)
    }

    /// Sends a fix with its files as attachment frames.
    func submitFix(
        _ fix: FixSubmission, files: [Data], idempotencyKey: String?, context: GatewayRequestContext
    ) async throws -> RequestDetail {
        try await client.call(
            Routes.Requests.submitFix, fix, timeout: Self.timeout, caller: context.caller,
            idempotencyKey: idempotencyKey, traceId: context.traceId, attachments: files)
    }

    /// A stored document of a request as a download.
    func document(requestId: String, documentId: String, context: GatewayRequestContext) async throws -> Response {
        let (description, frames) = try await client.callWithAttachments(
            Routes.Requests.document, RequestDocumentQuery(requestId: requestId, documentId: documentId),
            timeout: Self.readTimeout, caller: context.caller, traceId: context.traceId)
        return try Self.download(description, frames)
    }

    /// The result document of an approved request as a download.
    func result(requestId: String, context: GatewayRequestContext) async throws -> Response {
        let (description, frames) = try await client.callWithAttachments(
            Routes.Requests.result, RequestReference(requestId: requestId), timeout: Self.readTimeout,
            caller: context.caller, traceId: context.traceId)
        return try Self.download(description, frames)
    }

    /// A file as an attachment download (`DocumentDownload`, shared with the inbox).
    static func download(_ document: RequestDocument, _ frames: [Data]) throws -> Response {
        guard let bytes = frames.first else { throw BusError(.internal, message: "document without bytes") }
        return DocumentDownload.response(document, content: bytes)
    }
}
