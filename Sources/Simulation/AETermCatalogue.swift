/// The adverse-event terms the simulator reports, with the verbatim spellings sites use
/// (typos included). Every spelling codes through the example's coding dictionary
/// (`mappings/crlm/ae-dictionary.yaml`); a test checks it.
enum AETermCatalogue {
    /// One term: preferred term and the spellings an investigator may write.
    struct Term: Sendable {
        let preferred: String
        let spellings: [String]
    }

    static let nausea = Term(preferred: "Nausea", spellings: ["Nausea", "Nauseous", "Nausia"])
    static let vomiting = Term(preferred: "Vomiting", spellings: ["Vomiting", "Vomitting", "Emesis"])
    static let diarrhoea = Term(preferred: "Diarrhoea", spellings: ["Diarrhea", "Diarrhoea", "Diarhea", "Loose stools"])
    static let stomatitis = Term(preferred: "Stomatitis", spellings: ["Stomatitis", "Mucositis", "Mouth ulcers"])
    static let fatigue = Term(preferred: "Fatigue", spellings: ["Fatigue", "Tiredness", "Fatige"])
    static let neutropenia = Term(preferred: "Neutropenia", spellings: ["Neutropenia", "Low neutrophils"])
    static let thrombocytopenia = Term(preferred: "Thrombocytopenia", spellings: ["Thrombocytopenia", "Low platelets", "Thrombocytopaenia"])
    static let anaemia = Term(preferred: "Anaemia", spellings: ["Anemia", "Anaemia"])
    static let neuropathy = Term(preferred: "Peripheral sensory neuropathy",
                                 spellings: ["Peripheral neuropathy", "Neuropathy", "Numbness fingers", "Peripheral neurophaty"])
    static let hypertension = Term(preferred: "Hypertension", spellings: ["Hypertension", "High blood pressure"])
    static let rash = Term(preferred: "Rash acneiform", spellings: ["Acneiform rash", "Rash acneiform", "Skin rash"])
    static let handFoot = Term(preferred: "Hand-foot syndrome", spellings: ["Hand foot syndrome", "Hand-foot syndrom"])
    static let abdominalPain = Term(preferred: "Abdominal pain", spellings: ["Abdominal pain", "Abdo pain", "Abdominal pian", "RUQ pain"])
    static let haemorrhage = Term(preferred: "Post procedural haemorrhage", spellings: ["Postoperative bleeding", "Post-op bleeding"])
    static let bileLeak = Term(preferred: "Bile leak", spellings: ["Bile leak", "Biliary leak", "Bile leakage"])
    static let abscess = Term(preferred: "Liver abscess", spellings: ["Liver abscess", "Hepatic abscess", "Liver abcess"])
    static let woundInfection = Term(preferred: "Wound infection", spellings: ["Wound infection", "Surgical site infection", "Wound infecton"])
    static let pleuralEffusion = Term(preferred: "Pleural effusion", spellings: ["Pleural effusion"])
    static let alt = Term(preferred: "Alanine aminotransferase increased", spellings: ["ALT increased", "Raised ALT", "Elevated transaminases"])
    static let fever = Term(preferred: "Pyrexia", spellings: ["Fever", "Pyrexia", "Fevre"])
    static let hepaticFailure = Term(preferred: "Hepatic failure", spellings: ["Liver failure", "Hepatic failure", "Post-hepatectomy liver failure", "Liver faliure"])
    static let postEmbolisation = Term(preferred: "Post embolisation syndrome", spellings: ["Post embolization syndrome", "Postembolisation syndrome"])
    static let pulmonaryEmbolism = Term(preferred: "Pulmonary embolism", spellings: ["Pulmonary embolism", "Lung embolism"])
    static let sepsis = Term(preferred: "Sepsis", spellings: ["Sepsis", "Septic shock"])

    /// Terms after hepatectomy or ablation, with relative frequencies.
    static let postProcedure: [(Term, Double)] = [
        (abdominalPain, 0.30), (fever, 0.18), (alt, 0.16), (pleuralEffusion, 0.09), (bileLeak, 0.07),
        (woundInfection, 0.07), (haemorrhage, 0.05), (abscess, 0.05), (hepaticFailure, 0.03)]
    /// Terms after TACE or HAIC.
    static let postEmbolisationTerms: [(Term, Double)] = [
        (postEmbolisation, 0.40), (abdominalPain, 0.20), (fever, 0.20), (alt, 0.12), (nausea, 0.08)]
    /// Generic chemotherapy terms.
    static let chemotherapy: [(Term, Double)] = [
        (nausea, 0.16), (fatigue, 0.16), (diarrhoea, 0.13), (neutropenia, 0.12), (vomiting, 0.07),
        (stomatitis, 0.07), (anaemia, 0.07), (thrombocytopenia, 0.05)]
    /// Fatal events not tied to a procedure.
    static let fatal: [(Term, Double)] = [(sepsis, 0.5), (pulmonaryEmbolism, 0.3), (hepaticFailure, 0.2)]

    /// Every term the simulator can report.
    static let all: [Term] = [nausea, vomiting, diarrhoea, stomatitis, fatigue, neutropenia, thrombocytopenia, anaemia,
                              neuropathy, hypertension, rash, handFoot, abdominalPain, haemorrhage, bileLeak, abscess,
                              woundInfection, pleuralEffusion, alt, fever, hepaticFailure, postEmbolisation,
                              pulmonaryEmbolism, sepsis]
}
