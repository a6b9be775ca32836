import MizSchema

/// The confirmation page: the numbers the citizen keeps, large and copyable.
package struct RequestReceiptView: Sendable {
    package var serviceTitle: String
    package var requestId: String
    package var processNumber: String
    package var processNumberLatin: String
    package var trackingCode: String
    package var submittedAt: String
    package var dueAt: String

    package init(receipt: RequestReceipt, serviceTitle: String) {
        self.serviceTitle = serviceTitle
        requestId = receipt.requestId
        processNumber = RequestFormat.identifier(receipt.processNumber)
        processNumberLatin = receipt.processNumber
        trackingCode = RequestFormat.identifier(receipt.trackingCode)
        submittedAt = RequestFormat.dateTime(receipt.submittedAt)
        dueAt = RequestFormat.date(receipt.dueAt)
    }
}
