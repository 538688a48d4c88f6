namespace ClaimTracker.Web.Features.Suggestions.Engine;

/// <summary>Closed word classes the rules consult. Generic English news vocabulary, not tied to any one story.</summary>
internal static class WordLists
{
    private static HashSet<string> Set(params string[] words) => new(words, StringComparer.OrdinalIgnoreCase);

    /// <summary>Words that may stand between a subject and its reporting verb ("has repeatedly", "continued to").</summary>
    public static readonly HashSet<string> VerbGroup = Set(
        "has", "have", "had", "was", "were", "is", "are", "been", "being", "be", "would", "will", "could", "can", "may",
        "might", "should", "must", "did", "does", "do", "not", "n't", "never", "also", "again", "later", "then", "still",
        "only", "once", "already", "now", "further", "too", "to", "continued", "continues", "continue", "went", "go",
        "goes", "on", "appeared", "appears", "seemed", "seems", "yesterday", "today", "earlier", "last", "this", "week",
        "month", "year", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "quickly",
        "promptly", "immediately", "swiftly", "long", "themselves", "himself", "herself", "itself", "all", "both",
        "each", "separately", "likewise", "meanwhile", "however", "though", "in", "turn", "instead", "privately",
        "publicly");

    /// <summary>Words that negate the verb group before a reporting verb.</summary>
    public static readonly HashSet<string> Negations = Set("not", "n't", "never", "no");

    /// <summary>Words that open a sentence or a name sequence without being part of a name.</summary>
    public static readonly HashSet<string> NameStoppers = Set(
        "the", "a", "an", "but", "and", "or", "in", "on", "at", "after", "before", "as", "when", "while", "asked",
        "speaking", "meanwhile", "still", "yet", "so", "however", "though", "although", "since", "for", "if", "by",
        "with", "from", "to", "of", "this", "that", "these", "those", "then", "also", "last", "next", "earlier",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
        "april", "may", "june", "july", "august", "september", "october", "november", "december", "he", "she", "it",
        "they", "we", "i", "his", "her", "their", "its", "our", "in", "writing", "according", "some", "many", "most");

    /// <summary>Titles and office words written before a name ("Finance Minister Jan Novak", "Dr. Ana Ruiz").</summary>
    public static readonly HashSet<string> Titles = Set(
        "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "prof", "prof.", "sir", "dame", "president", "vice",
        "prime", "minister", "secretary", "deputy", "chief", "director", "governor", "mayor", "senator", "sen.",
        "representative", "rep.", "gov.", "gen.", "general", "commissioner", "councillor", "councilor", "councilman",
        "councilwoman", "chairman", "chairwoman", "chair", "spokesman", "spokeswoman", "spokesperson", "judge", "justice",
        "sheriff", "professor", "ambassador", "envoy", "special", "adviser", "advisor", "economist", "analyst",
        "executive", "officer", "head", "leader", "speaker", "king", "queen", "prince", "princess", "chancellor",
        "finance", "foreign", "defence", "defense", "interior", "health", "economy", "energy", "water", "city",
        "state", "national", "federal", "central", "bank", "treasury", "attorney", "inspector", "superintendent",
        "engineer", "scientist", "doctor", "nurse", "lawyer", "officials", "official", "former", "acting", "interim",
        "senior", "junior", "lead", "top", "district", "county", "regional", "public", "environmental", "utility",
        "utilities", "supervisor", "manager", "president-elect", "premier", "lieutenant", "colonel", "captain",
        "sergeant", "commander", "admiral", "marshal", "opposition", "party", "board", "member", "co-founder", "founder");

    /// <summary>
    /// The head of an office written before a name, after which the name begins ("Transport Minister | Jonas Berg",
    /// "Director of National Intelligence | Tulsi Gabbard"): what comes before it, with it, is the role.
    /// </summary>
    public static readonly HashSet<string> TitleHeads = Set(
        "minister", "secretary", "president", "governor", "mayor", "director", "commissioner", "councillor", "councilor",
        "councilman", "councilwoman", "chairman", "chairwoman", "chair", "spokesman", "spokeswoman", "spokesperson",
        "senator", "representative", "judge", "justice", "sheriff", "ambassador", "envoy", "adviser", "advisor",
        "chancellor", "premier", "king", "queen", "prince", "princess", "general", "colonel", "captain", "commander",
        "admiral", "inspector", "superintendent", "executive", "officer", "manager", "leader", "head", "professor",
        "economist", "analyst", "attorney", "treasurer", "speaker", "dean", "bishop", "marshal", "lieutenant", "sergeant",
        "mediator", "negotiator", "ombudsman", "prosecutor", "auditor", "president-elect", "chief");

    /// <summary>Forms of address that are neither name nor role ("Dr. Samuel Okafor" is Samuel Okafor).</summary>
    public static readonly HashSet<string> Honorifics = Set("mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "dr", "dr.", "prof", "prof.", "sir", "dame");

    /// <summary>Nouns for one person who speaks without being named ("a senior manager at …", "a spokesman for …").</summary>
    public static readonly HashSet<string> PersonNouns = Set(
        "spokesman", "spokeswoman", "spokesperson", "official", "manager", "executive", "source", "diplomat", "aide",
        "adviser", "advisor", "engineer", "lawyer", "analyst", "economist", "worker", "resident", "negotiator", "insider",
        "person", "employee", "director", "officer", "representative", "member", "minister", "banker", "investor");

    /// <summary>Nouns for a spokesperson, whose "we" and "our" are the organisation's.</summary>
    public static readonly HashSet<string> SpokespersonNouns = Set("spokesman", "spokeswoman", "spokesperson", "spokespeople", "statement");

    /// <summary>Last words of organisation names that take "the" in a sentence ("the Ministry of Transport", "the Green Party").</summary>
    public static readonly HashSet<string> ArticleHeads = Set(
        "ministry", "department", "office", "authority", "council", "association", "union", "federation", "chamber",
        "commission", "committee", "agency", "party", "government", "institute", "court", "parliament", "assembly", "senate",
        "police", "army", "navy", "board", "bureau", "coalition", "alliance", "league", "foundation", "trust", "society",
        "tribunal", "panel", "treasury", "cabinet", "administration", "secretariat", "directorate", "regulator", "federation");

    /// <summary>Last words of organisation names ("the Finance Ministry", "Lakeside Water Authority").</summary>
    public static readonly HashSet<string> OrganisationHeads = Set(
        "ministry", "bank", "council", "department", "agency", "authority", "office", "commission", "committee", "party",
        "union", "association", "institute", "fund", "board", "court", "company", "corp", "corp.", "inc", "inc.", "group",
        "utility", "utilities", "service", "services", "university", "government", "times", "post", "news", "herald",
        "gazette", "journal", "tribune", "press", "network", "federation", "organisation", "organization", "coalition",
        "alliance", "parliament", "congress", "senate", "assembly", "cabinet", "administration", "treasury", "reserve",
        "foundation", "trust", "society", "league", "centre", "center", "hospital", "police", "army", "navy", "force",
        "forces", "ltd", "ltd.", "plc", "partners", "bureau", "secretariat", "panel", "tribunal", "directorate",
        "observatory", "laboratory", "lab", "labs", "works", "district", "chamber", "commune", "municipality", "lines",
        "airlines", "airways", "holdings", "industries", "systems", "technologies", "motors", "logistics", "shipping",
        "construction", "railways", "airport", "pharmaceuticals", "ventures", "media", "telecom", "firm");

    /// <summary>Plural nouns naming groups of people who speak in the news ("residents said", "economists warn").</summary>
    public static readonly HashSet<string> GroupNouns = Set(
        "officials", "residents", "analysts", "economists", "critics", "experts", "lawmakers", "legislators",
        "diplomats", "investors", "engineers", "scientists", "doctors", "parents", "protesters", "activists", "sources",
        "traders", "observers", "opponents", "supporters", "aides", "advisers", "advisors", "negotiators", "councillors",
        "councilors", "researchers", "inspectors", "regulators", "economists", "bankers", "teachers", "farmers",
        "workers", "unions", "governments", "ministers", "leaders", "prosecutors", "lawyers", "executives", "campaigners",
        "environmentalists", "homeowners", "tenants", "voters", "members", "allies", "capitals", "agencies", "authorities",
        "customers", "users", "consumers", "patients", "passengers", "commuters", "shareholders", "employees", "staff",
        "students", "citizens", "families", "neighbours", "neighbors", "drivers", "owners", "businesses", "retailers",
        "parties", "managers");

    /// <summary>Modifiers kept in the name of a group ("local residents", "some economists").</summary>
    public static readonly HashSet<string> GroupModifiers = Set(
        "local", "senior", "some", "many", "several", "independent", "other", "city", "federal", "state", "top",
        "private", "outside", "foreign", "western", "european", "american", "government", "bank", "ministry", "union",
        "opposition", "health", "water", "market", "two", "three", "four", "most", "few", "concerned", "angry");

    /// <summary>Nouns that make a subject a report, known only through the outlet that carries it.</summary>
    public static readonly HashSet<string> ReportNouns = Set(
        "report", "reports", "story", "article", "investigation", "analysis", "dispatch", "memo", "documents", "document",
        "leak", "study", "survey", "poll", "dossier", "filing", "filings");

    /// <summary>Nouns for what someone said, which make a possessor its speaker ("Trump's one-word answer was").</summary>
    public static readonly HashSet<string> SpeechNouns = Set(
        "answer", "reply", "response", "message", "words", "statement", "comment", "comments", "remark", "remarks",
        "retort", "explanation", "verdict", "assessment", "warning", "advice", "conclusion", "promise", "pledge", "plea",
        "slogan", "message", "view", "argument", "position", "summary", "description", "prediction", "forecast");

    /// <summary>Nouns for a position, which make a possessor its holder ("Moscow's desire to have Kyiv pull back").</summary>
    public static readonly HashSet<string> StanceNouns = Set(
        "desire", "demand", "demands", "call", "calls", "insistence", "view", "belief", "argument", "position",
        "assessment", "claim", "claims", "warning", "warnings", "proposal", "plan", "promise", "pledge", "wish",
        "insistence", "contention", "assertion", "conviction", "hope", "hopes", "expectation", "prediction", "forecast",
        "suggestion", "request", "push", "bid", "aim", "goal", "refusal", "rejection", "denial", "doubts", "scepticism",
        "skepticism", "objection", "objections");

    /// <summary>Stance nouns that say no.</summary>
    public static readonly HashSet<string> DenialNouns = Set("refusal", "rejection", "denial", "objection", "objections");

    /// <summary>Stance nouns that doubt.</summary>
    public static readonly HashSet<string> DoubtNouns = Set("doubts", "scepticism", "skepticism");

    /// <summary>Nouns by which a phrase refers back to what was just said ("—an assessment publicly questioned by …").</summary>
    public static readonly HashSet<string> BackReferenceNouns = Set(
        "assessment", "claim", "view", "statement", "position", "stance", "idea", "proposal", "suggestion", "charge",
        "allegation", "assertion", "argument", "conclusion", "finding", "forecast", "prediction", "warning", "remark",
        "comment", "comments", "remarks", "move", "plan", "decision", "approach", "policy", "notion", "theory", "account",
        "version", "figure", "figures", "estimate", "explanation", "promise", "pledge", "criticism", "criticisms",
        "accusation", "accusations", "charges", "complaint", "complaints", "warnings", "demand", "demands", "call", "calls");

    /// <summary>Verbs saying that something upset someone, who thereby objects to it ("a stance that has irritated Kyiv").</summary>
    public static readonly HashSet<string> ReactionVerbs = Set(
        "irritated", "angered", "alarmed", "frustrated", "dismayed", "infuriated", "upset", "worried", "troubled",
        "annoyed", "outraged", "rattled", "unsettled", "incensed", "exasperated", "riled", "alienated", "offended");

    /// <summary>Prepositions that open an adjunct rather than a claim ("said in a statement", "told reporters on Tuesday").</summary>
    public static readonly HashSet<string> Prepositions = Set(
        "in", "on", "at", "during", "after", "before", "from", "to", "via", "through", "with", "outside", "inside",
        "later", "earlier", "late", "last", "this", "yesterday", "today", "tonight", "afterwards", "again", "repeatedly");

    /// <summary>Auxiliaries, modals and forms of "be", "have" and "do": words that make a clause finite.</summary>
    public static readonly HashSet<string> FiniteVerbs = Set(
        "is", "are", "was", "were", "am", "has", "have", "had", "will", "would", "can", "could", "should", "shall", "may",
        "might", "must", "does", "do", "did", "isn't", "aren't", "wasn't", "weren't", "won't", "can't", "cannot");

    /// <summary>Verbs that open an order ("Ask me again in 2029", "Wait and see"): a quotation that starts with one claims nothing.</summary>
    public static readonly HashSet<string> Imperatives = Set(
        "ask", "tell", "let", "look", "wait", "watch", "come", "go", "stop", "give", "take", "listen", "remember", "imagine",
        "consider", "trust", "try", "call", "leave", "keep", "show", "write", "read", "stay", "believe");

    /// <summary>Words that open a phrase of time or circumstance ("before the walkout", "after the vote").</summary>
    public static readonly HashSet<string> SubordinatingWords = Set(
        "before", "after", "when", "while", "since", "until", "as", "despite", "amid", "following", "for", "by", "under", "over");

    /// <summary>Nouns for figures whose source follows ("figures from the port authority", "data published by …").</summary>
    public static readonly HashSet<string> DataNouns = Set("figures", "data", "statistics", "numbers", "records", "estimates", "calculations", "projections");

    /// <summary>Words that open an adjunct after a comma and so end a content clause.</summary>
    public static readonly string[] ClauseBreakers =
    [
        "and that", "but", "while", "whereas", "which", "who", "although", "though", "as", "citing", "saying", "adding",
        "noting", "insisting", "arguing", "warning", "according to", "in line with", "with", "despite", "even as",
        "a claim", "an assessment", "a stance", "a view", "a position", "a move", "a statement", "a remark", "a charge",
        "an allegation", "a suggestion", "a comment", "a decision", "an argument", "a step", "a plan", "a proposal",
        "prompting", "drawing", "sparking", "raising", "before", "after", "amid", "in a", "in an", "at a", "during",
    ];
}
