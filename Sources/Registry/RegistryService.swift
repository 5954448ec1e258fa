import Platform

/// The registry's resources, each behind the shared resource controller.
public struct RegistryService: Sendable {
    let database: any Database
    let schools: ResourceController<School>
    let staff: ResourceController<Staff>
    let learners: ResourceController<Learner>
    let guardians: ResourceController<Guardian>
    let schoolYears: ResourceController<SchoolYear>
    let classes: ResourceController<SchoolClass>
    let assignments: ResourceController<TeachingAssignment>
    let enrolments: ResourceController<Enrolment>
    let transfers: ResourceController<Transfer>

    public init(database: any Database) {
        self.database = database
        schools = ResourceController(spec: School.spec(), database: database)
        staff = ResourceController(spec: Staff.spec(), database: database)
        learners = ResourceController(spec: Learner.spec(), database: database)
        guardians = ResourceController(spec: Guardian.spec(), database: database)
        schoolYears = ResourceController(spec: SchoolYear.spec(), database: database)
        classes = ResourceController(spec: SchoolClass.spec(), database: database)
        assignments = ResourceController(spec: TeachingAssignment.spec(), database: database)
        enrolments = ResourceController(spec: Enrolment.spec(), database: database)
        transfers = ResourceController(spec: Transfer.spec(), database: database)
    }

    /// Adds every registry route to the API.
    public func register(in catalog: APICatalog) {
        AdminUnitsController(database: database).register(in: catalog)
        OrgUnitsController(database: database).register(in: catalog)
        schools.register(in: catalog)
        staff.register(in: catalog)
        learners.register(in: catalog)
        guardians.register(in: catalog)
        schoolYears.register(in: catalog)
        classes.register(in: catalog)
        assignments.register(in: catalog)
        enrolments.register(in: catalog)
        transfers.register(in: catalog)
        LifecycleController(database: database, enrolments: enrolments, transfers: transfers, classes: classes, learners: learners)
            .register(in: catalog)
        ReportsController(database: database).register(in: catalog)
    }
}
