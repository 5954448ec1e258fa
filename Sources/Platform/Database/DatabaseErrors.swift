import PostgresNIO

/// Recognises the engines' own errors that mean "this conflicts with stored data", so that a race
/// the rules could not see (two clients inserting the same natural key at once) answers 409, not 500.
public enum DatabaseErrors {
    public static func isUniqueViolation(_ error: any Error) -> Bool {
        if let error = error as? PSQLError {
            return error.serverInfo?[.sqlState] == "23505"
        }
        if let error = error as? SQLiteFailure {
            return error.isUniqueViolation
        }
        return false
    }

    /// PostgreSQL refuses every statement of a transaction after one failed, until the transaction
    /// or a savepoint before the failure is rolled back.
    public static func isTransactionAborted(_ error: any Error) -> Bool {
        (error as? PSQLError)?.serverInfo?[.sqlState] == "25P02"
    }
}
