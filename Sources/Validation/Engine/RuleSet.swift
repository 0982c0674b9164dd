/// An ordered list of rules. `.standard` is every rule of TrialData (ids in
/// docs/VALIDATION-RULES.md); `only(_:)` and `excluding(_:)` select by id:
/// ```swift
/// let report = Validator(rules: RuleSet.standard.excluding(["TD0109"])).validate(...)
/// ```
public struct RuleSet: Sendable {
    /// The rules, in report order.
    public var rules: [any ValidationRule]

    /// A rule set of `rules`.
    public init(_ rules: [any ValidationRule]) { self.rules = rules }

    /// Every TrialData rule, grouped by theme: spec conformance (TD01xx), terminology
    /// (TD02xx), dates (TD03xx), subjects and keys (TD04xx), adverse events (TD05xx),
    /// questionnaires (TD06xx), tumours (TD07xx), ADaM (TD08xx).
    public static let standard = RuleSet([
        DatasetWithoutSpec(), RequiredVariablePresent(), RequiredValuePresent(),
        ExpectedVariablePresent(), VariableInSpec(), VariableTypeMatchesSpec(),
        ValueLengthWithinSpec(), LabelMatchesSpec(), VariableOrderMatchesSpec(),
        NonExtensibleCodelistValue(), ExtensibleCodelistValue(), CodelistDefined(), TestCodeMatchesName(),
        ISO8601Date(), StudyDayConsistent(), StudyDayNotZero(), StudyDayWithoutCompleteDate(),
        StartNotAfterEnd(), DateNotAfterDeath(),
        SequenceUniquePerSubject(), KeyUnique(), SubjectInDemographics(),
        DemographicsOneRowPerSubject(), AgeMatchesBirthDate(),
        SeriousEventHasCriterion(), ToxicityGradeInRange(), FatalGradeHasFatalOutcome(), FatalEventHasDeathFlag(),
        QuestionnaireResultInRange(), NotDoneHasNoResult(),
        TumorResultLinksToIdentification(),
        SubjectLevelOneRowPerSubject(), CensorFlagValid(), TimeToEventNotNegative(),
        EventDateNotBeforeOrigin(), SourceRecordResolves(), ParameterCodeMatchesName(),
        SubjectInSubjectLevel(),
    ])

    /// The rules whose ids are in `ids`, in this set's order.
    public func only(_ ids: Set<String>) -> RuleSet { RuleSet(rules.filter { ids.contains($0.id) }) }

    /// The rules whose ids are not in `ids`.
    public func excluding(_ ids: Set<String>) -> RuleSet { RuleSet(rules.filter { !ids.contains($0.id) }) }

    /// The rule with id `id`, or `nil`.
    public func rule(_ id: String) -> (any ValidationRule)? { rules.first { $0.id == id } }
}
