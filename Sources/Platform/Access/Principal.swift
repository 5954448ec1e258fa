/// What a caller may do. Access is denied by default: a permission is granted only by a role held at
/// a node of the education-management tree, and it reaches that node and everything below it.
public enum Permission: String, Sendable, CaseIterable, Codable {
    /// Read registry records (schools, staff, learners, classes, enrolments…).
    case registryRead = "registry:read"
    /// Create, update and delete registry records.
    case registryWrite = "registry:write"
    /// See citizen IDs and other identity data. Every such read is written to the audit log.
    case identityRead = "identity:read"
    /// Verify learners and staff against the population registry, and decide the review queue's
    /// proposed links (a link is written to the record only by such a decision).
    case identityVerify = "identity:verify"
    /// Read the audit log.
    case auditRead = "audit:read"
    /// Manage the education-management tree itself (departments, re-parenting).
    case orgWrite = "org:write"
    /// Create users and grant roles below one's own node.
    case userAdmin = "users:admin"
    /// Read learners' scores, conduct, attendance and year results.
    case recordsRead = "records:read"
    /// Enter scores, but only for the classes and subjects one is assigned to teach (a teacher's
    /// staff record and the school's teaching assignments decide).
    case recordsWrite = "records:write"
    /// Enter scores for any subject, close and reopen terms, enter conduct and compute year results.
    case recordsManage = "records:manage"
    /// Read learners' health checks, the most sensitive data the platform holds. Every read is
    /// written to the audit log.
    case healthRead = "health:read"
    /// Record health checks.
    case healthWrite = "health:write"
    /// Manage the school's signing keys, prepare, sign and revoke its learners' year records.
    case credentialsIssue = "credentials:issue"
    /// Register the school's grade-12 learners for the graduation exam and confirm them.
    case examsRegister = "exams:register"
    /// Run the graduation exam: seasons and their timeline, free candidates, scores, results and
    /// re-marking decisions.
    case examsManage = "exams:manage"
    /// A university's or college's own admissions: the candidates who confirmed a place in its
    /// programmes.
    case admissionsRead = "admissions:read"
    /// OneRoster 1.2 rostering, read-only (`GET /ims/oneroster/rostering/v1p2/…`): for API clients,
    /// under the OneRoster scope's own name so LMS software can ask for it as the standard says.
    case rosterCoreReadonly = "https://purl.imsglobal.org/spec/or/v1p2/scope/roster-core.readonly"
}

/// The roles of DOMAIN.md's education-management tree. The permissions of each are fixed here, in one
/// place, so the authorisation matrix can be tested exhaustively.
public enum Role: String, Sendable, CaseIterable, Codable {
    case ministryAdmin = "ministry_admin"
    case ministryAnalyst = "ministry_analyst"
    case departmentAdmin = "department_admin"
    case schoolAdmin = "school_admin"
    case teacher
    /// The school's health officer (nhân viên y tế trường học): health checks, and reading the registry.
    case schoolHealth = "school_health"
    /// A university's or college's admissions office, at the institution's node.
    case institutionAdmin = "institution_admin"
    /// School software calling the API; its permissions come from the scopes of its client.
    case apiClient = "api_client"

    /// Asked on every write's access check, so each role's set is built once.
    public var permissions: Set<Permission> { Self.permissionsByRole[self] ?? [] }

    private static let permissionsByRole: [Role: Set<Permission>] = Dictionary(
        uniqueKeysWithValues: allCases.map { ($0, $0.definedPermissions) })

    private var definedPermissions: Set<Permission> {
        switch self {
        case .ministryAdmin: [.registryRead, .registryWrite, .identityRead, .identityVerify, .auditRead, .orgWrite, .userAdmin, .recordsRead, .examsManage,
                              .admissionsRead]
        case .ministryAnalyst: [.registryRead]
        case .departmentAdmin: [.registryRead, .registryWrite, .identityRead, .identityVerify, .auditRead, .userAdmin, .recordsRead, .examsManage]
        case .schoolAdmin: [.registryRead, .registryWrite, .identityRead, .identityVerify, .auditRead, .userAdmin,
                            .recordsRead, .recordsWrite, .recordsManage, .healthRead, .healthWrite, .credentialsIssue, .examsRegister]
        case .teacher: [.registryRead, .recordsRead, .recordsWrite]
        case .schoolHealth: [.registryRead, .healthRead, .healthWrite]
        case .institutionAdmin: [.admissionsRead]
        case .apiClient: []
        }
    }
}

/// A role held at one node of the tree.
public struct Grant: Sendable, Hashable, Codable {
    public let role: Role
    public let orgID: String

    public init(role: Role, orgID: String) {
        self.role = role
        self.orgID = orgID
    }
}

/// The authenticated caller of a request: a signed-in user or an API client.
public struct Principal: Sendable {
    public enum Kind: String, Sendable { case user, client }

    public let id: String
    public let name: String
    public let kind: Kind
    public let grants: [Grant]
    /// For API clients: the OAuth scopes granted to the client. A client's permission is a scope it
    /// holds, exercised at the nodes its grants bind it to.
    public let clientScopes: Set<Permission>

    /// Every node the principal reads, and every node where it sees identity data, expanded from its
    /// grants when it signed in (nil when not expanded, or when it holds the root: then SQL decides).
    /// It lets a single-record read skip the tree in SQL; it is as fresh as the principal cache.
    public var readReach: Set<String>?
    public var identityReach: Set<String>?
    /// For a user who is a member of staff: the sector staff code of their staff record, which ties
    /// them to their teaching assignments.
    public var staffCode: String?
    /// For a graduation-exam candidate's account: the registration it stands for. Such an account
    /// holds no role; the exam's rules let it reach that one registration.
    public var examRegistrationID: String?

    public init(id: String, name: String, kind: Kind, grants: [Grant], clientScopes: Set<Permission> = []) {
        self.id = id
        self.name = name
        self.kind = kind
        self.grants = grants
        self.clientScopes = clientScopes
    }

    /// The nodes at which this principal holds `permission`; it reaches each node's whole subtree.
    public func nodes(for permission: Permission) -> [String] {
        var nodes: [String] = []
        for grant in grants where permits(grant, permission) && !nodes.contains(grant.orgID) {
            nodes.append(grant.orgID)
        }
        return nodes
    }

    public func has(_ permission: Permission) -> Bool {
        grants.contains { permits($0, permission) }
    }

    private func permits(_ grant: Grant, _ permission: Permission) -> Bool {
        grant.role == .apiClient ? clientScopes.contains(permission) : grant.role.permissions.contains(permission)
    }
}
