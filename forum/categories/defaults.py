"""The sections a new forum starts with; the first migration inserts them."""

# The section whose page lists the questions no practitioner has answered
# yet (migration 0005 marks it so on an existing forum).
ASK_A_PRACTITIONER = "ask-a-practitioner"

DEFAULT_CATEGORIES = [
    {"slug": "piriformis-syndrome", "name": "Piriformis syndrome", "position": 1,
     "description": "Deep buttock pain, pain when sitting, and what has eased it for you."},
    {"slug": "sciatica", "name": "Sciatica", "position": 2,
     "description": "Pain, tingling or numbness running down the leg: causes, flare-ups, living with it."},
    {"slug": "low-back-and-hip-pain", "name": "Low back and hip pain", "position": 3,
     "description": "Low back, sacroiliac joint and hip pain, and their relatives."},
    {"slug": "treatments-and-recovery", "name": "Treatments and recovery", "position": 4,
     "description": "Stretches, physical therapy, massage, medication, injections: what you tried and how it went."},
    {"slug": "ask-a-practitioner", "name": "Ask a practitioner", "position": 5,
     "description": "Questions for licensed massage therapists, physical therapists and other clinicians. General information, not a diagnosis."},
    {"slug": "introductions-and-support", "name": "Introductions and support", "position": 6,
     "description": "Say hello, tell your story, and find people who understand."},
]
