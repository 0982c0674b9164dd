/// ODM `TransactionType`: how an element changes the data already received.
public enum ODMTransactionType: String, Sendable, Hashable, CaseIterable {
    /// New data.
    case insert = "Insert"
    /// Changes existing data.
    case update = "Update"
    /// Deletes the element and everything under it.
    case remove = "Remove"
    /// Insert or update.
    case upsert = "Upsert"
    /// Only locates children; changes nothing itself.
    case context = "Context"
}
