import Platform
import SQLKit

/// Who may do what in the graduation exam. The exam board (exams:manage) runs seasons, free
/// candidates, scores and re-marking decisions at and below its node; a school (exams:register)
/// registers and confirms its own grade-12 learners and follows their results.
enum ExamsAccess {
    /// The board, anywhere in the country (the ministry sets the seasons).
    static func requireNationalBoard(_ db: any SQLDatabase, _ principal: Principal) async throws {
        guard OrgTree.includesRoot(principal.nodes(for: .examsManage)) else {
            throw APIError.forbidden("exam seasons are set by the ministry (exams:manage at the ministry)")
        }
    }

    static func requireBoard(_ db: any SQLDatabase, _ principal: Principal, orgID: String) async throws {
        guard try await OrgTree.isWithin(db, nodeID: orgID, roots: principal.nodes(for: .examsManage)) else {
            throw APIError.forbidden("this needs exams:manage over the candidate's registration unit")
        }
    }

    /// The school that registered the candidate, or the board over it.
    static func requireRegistrar(_ db: any SQLDatabase, _ principal: Principal, orgID: String) async throws {
        if try await OrgTree.isWithin(db, nodeID: orgID, roots: principal.nodes(for: .examsRegister)) { return }
        try await requireBoard(db, principal, orgID: orgID)
    }

    /// A candidate signed in to their own account, for their own registration.
    static func isCandidate(_ principal: Principal, of registrationID: String) -> Bool {
        principal.examRegistrationID == registrationID
    }

    /// What candidates do for themselves, and their school (or the board) may do for them: change
    /// their choices, pay fees, place wishes, ask for re-marking, confirm an admission.
    static func requireCandidateOrRegistrar(_ db: any SQLDatabase, _ principal: Principal, registrationID: String,
                                            orgID: String) async throws {
        if isCandidate(principal, of: registrationID) { return }
        try await requireRegistrar(db, principal, orgID: orgID)
    }

    /// Registrations out of the principal's reach answer 404, like every record.
    static func mayRead(_ db: any SQLDatabase, _ principal: Principal, orgID: String) async throws -> Bool {
        try await OrgTree.isWithin(db, nodeID: orgID, roots: principal.nodes(for: .examsRegister) + principal.nodes(for: .examsManage))
    }
}
