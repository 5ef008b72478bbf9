//! The vocabulary of the synthetic corpus: the same lists as the shared Python generator, so the
//! pages have the same words, lengths and structure.

#[rustfmt::skip]
pub const PHASE_NAMES: &[(&str, &str)] = &[
    ("scoping", "Scoping the partnership"),
    ("identifying", "Identifying and engaging partners"),
    ("building", "Building the partnership"),
    ("managing", "Managing and maintaining"),
    ("reviewing", "Reviewing and revising"),
    ("sustaining", "Sustaining outcomes"),
    ("moving-on", "Moving on"),
    ("scaling", "Scaling up"),
    ("learning", "Learning and sharing"),
    ("closing", "Closing well"),
];

#[rustfmt::skip]
pub const GERUNDS: &[&str] = &[
    "Mapping", "Negotiating", "Agreeing", "Clarifying", "Reviewing", "Building",
    "Sustaining", "Strengthening", "Documenting", "Resourcing", "Measuring",
    "Sharing", "Facilitating", "Brokering", "Recognising", "Balancing",
    "Designing", "Planning", "Communicating", "Evaluating", "Governing",
    "Scoping", "Aligning", "Managing", "Celebrating", "Renewing",
];

#[rustfmt::skip]
pub const OBJECTS: &[&str] = &[
    "stakeholder interests", "shared goals", "roles and responsibilities",
    "partner motivations", "the partnering agreement", "decision-making rules",
    "resource commitments", "power imbalances", "communication channels",
    "conflicts of interest", "exit strategies", "joint outcomes",
    "trust between partners", "community voice", "risk and reward",
    "the governance structure", "learning loops", "accountability",
    "in-kind contributions", "the theory of change", "funding flows",
    "partnership health", "meeting rhythms", "data sharing",
    "local ownership", "capacity building", "the brokering role",
];

#[rustfmt::skip]
pub const H2S: &[&str] = &[
    "Why this matters", "Key principles", "Getting started", "Common pitfalls",
    "Practical steps", "What good looks like", "Working with diverse partners",
    "Roles at a glance", "Timing and sequencing", "Evidence and learning",
    "Adapting to context", "Power and voice", "Resources you will need",
    "Signals to watch", "Building on what exists", "Making decisions together",
];

#[rustfmt::skip]
pub const H3S: &[&str] = &[
    "A worked example", "Tips from practitioners", "When things go wrong",
    "For smaller organisations", "For public bodies", "For funders",
    "For community groups", "Questions to ask early", "A note on language",
    "Quick wins", "Longer-term moves", "Checking assumptions",
];

#[rustfmt::skip]
pub const SUBJECTS: &[&str] = &[
    "partners", "the broker", "each organisation", "the steering group",
    "community members", "funders", "the lead partner", "frontline staff",
    "the partnership", "everyone involved", "smaller partners", "the convenor",
];

#[rustfmt::skip]
pub const VERBS: &[&str] = &[
    "agree", "clarify", "revisit", "document", "share", "test", "negotiate",
    "review", "record", "explore", "challenge", "support", "name", "map",
    "prioritise", "reflect on", "balance", "check", "celebrate", "question",
];

#[rustfmt::skip]
pub const ADJS: &[&str] = &[
    "shared", "explicit", "mutual", "realistic", "transparent", "flexible",
    "equitable", "practical", "honest", "early", "regular", "informal",
    "formal", "collective", "clear", "visible", "hidden", "fragile", "durable",
];

#[rustfmt::skip]
pub const NOUNS: &[&str] = &[
    "expectations", "assumptions", "benefits", "costs", "risks", "commitments",
    "priorities", "values", "ground rules", "milestones", "contributions",
    "boundaries", "agreements", "concerns", "interests", "capacities",
    "relationships", "outcomes", "responsibilities", "timelines",
];

#[rustfmt::skip]
pub const CONNECTORS: &[&str] = &[
    "so that", "because", "even when", "before", "while", "until", "unless",
    "whenever", "after", "as long as",
];

#[rustfmt::skip]
pub const CLAUSES: &[&str] = &[
    "trust has had time to grow", "resources are tight", "the context shifts",
    "new partners join", "the funding cycle ends", "decisions feel rushed",
    "roles are still unclear", "the work becomes routine", "power is uneven",
    "results start to appear", "people move on", "the pressure is high",
];

#[rustfmt::skip]
pub const HABITS: &[&str] = &["forget to", "need time to", "choose to", "struggle to", "learn to"];

#[rustfmt::skip]
pub const QUESTION_STEMS: &[&str] = &[
    "What do we each expect to gain from", "Who is not yet at the table for",
    "How will we know we are making progress on", "What would make us walk away from",
    "Which assumptions have we not yet tested about", "How are decisions really made about",
    "What does each partner bring to", "Where could tension arise around",
    "How will we share what we learn about", "Who holds the risk in",
];

#[rustfmt::skip]
pub const QUOTES: &[&str] = &[
    "Partnerships are built on the quality of the conversations, not the quality of the paperwork.",
    "We only understood our partners' constraints once we had asked about them directly.",
    "The agreement mattered less than the habit of returning to it together.",
    "Equity in a partnership is something you practise, not something you declare.",
    "Our best decisions came after we slowed down and listened to the smallest partner.",
    "A partnership that cannot talk about money cannot talk about power.",
];

#[rustfmt::skip]
pub const SPEAKERS: &[(&str, &str)] = &[
    ("Amina", "community organiser"), ("Jonas", "programme manager"),
    ("Priya", "partnership broker"), ("Tomás", "local government officer"),
    ("Grace", "foundation officer"), ("Kwame", "NGO director"),
    ("Mei", "researcher"), ("Sofia", "social enterprise founder"),
];

#[rustfmt::skip]
pub const ROLES: &[&str] = &[
    "Lead partner", "Broker", "Funder", "Community partner", "Steering group",
    "Technical partner", "Evaluator", "Secretariat",
];

#[rustfmt::skip]
pub const WHEN: &[&str] = &[
    "Start-up", "Quarterly", "Monthly", "At each review", "Ongoing",
    "Before signing", "At exit", "Annually",
];

#[rustfmt::skip]
pub const TASKS: &[&str] = &[
    "Agree the purpose in one sentence", "List every partner's contribution",
    "Name a contact person in each organisation", "Set the date of the first review",
    "Record decisions and who made them", "Share the budget with all partners",
    "Check that the smallest partner can attend", "Write down the exit conditions",
    "Agree how conflicts will be raised", "Collect feedback from the community",
    "Update the risk register", "Circulate the meeting notes within a week",
    "Confirm data-sharing permissions", "Review the partnering agreement",
];

#[rustfmt::skip]
pub const AUDIENCE_IDS: &[&str] = &["students", "faculty", "staff"];
