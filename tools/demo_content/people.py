"""Recurring people. Same handle on every site; the assembler builds the profile URL per site."""

from __future__ import annotations

# key: (handle, display name, role)
# roles: chronic (complains for weeks), ex (former barista), advocate, blogger, reporter, regular
PEOPLE = {
    # chronic complainers
    "dana": ("dana_k_rants", "Dana K.", "chronic"),
    "commuter": ("grumpycommuter88", "Rich T.", "chronic"),
    "petrakis": ("g_petrakis", "George Petrakis", "chronic"),
    "subsgirl": ("beanbox_bethany", "Bethany L.", "chronic"),
    # former barista
    "jules": ("exbarista_jules", "Jules", "ex"),
    # advocates
    "cal": ("coffee_with_cal", "Cal Whitaker", "advocate"),
    "hannah": ("harborst_hannah", "Hannah Voss", "advocate"),
    "ro": ("beanqueen_ro", "Rosalind M.", "advocate"),
    "devon": ("devon_codes_coffee", "Devon Ashby", "advocate"),
    "lou": ("lakeport_lou", "Lou Brennan", "advocate"),
    # the local food blogger and the business writer at the Ledger
    "maya": ("lakeporteats", "Maya Okafor", "blogger"),
    "ben": ("bcastillo_ledger", "Ben Castillo", "reporter"),
    # regulars: a mix of questions, small gripes, praise
    "nina": ("nina.runs.lakeport", "Nina S.", "regular"),
    "omar": ("omar_f", "Omar Farouk", "regular"),
    "kat": ("katmakesthings", "Kat Lindqvist", "regular"),
    "tyler": ("tyler_uvm", "Tyler B.", "regular"),
    "gwen": ("gwen_reads", "Gwen Hollis", "regular"),
    "sanjay": ("sanjay_r", "Sanjay Rao", "regular"),
    "mo": ("mo_on_a_bike", "Mo", "regular"),
    "elise": ("elise.p", "Elise Park", "regular"),
    "frank": ("frank_at_the_pier", "Frank D.", "regular"),
    "quinn": ("quinnthewriter", "Quinn A.", "regular"),
    "luz": ("luz_mariposa", "Luz Herrera", "regular"),
    "pete": ("pete_ux", "Pete Okonkwo", "regular"),
    "ivy": ("ivy_studies", "Ivy Chen", "regular"),
}

# One-off authors: first names and handle bits mixed by the assembler.
FIRST = [
    "alex",
    "jordan",
    "sam",
    "riley",
    "casey",
    "morgan",
    "taylor",
    "jamie",
    "avery",
    "drew",
    "harper",
    "parker",
    "reese",
    "emerson",
    "rowan",
    "sky",
    "blake",
    "logan",
    "cameron",
    "finley",
    "marisa",
    "devin",
    "hugo",
    "anika",
    "brooke",
    "caleb",
    "dmitri",
    "esme",
    "farah",
    "gus",
    "hana",
    "isaac",
    "jana",
    "kofi",
    "lena",
    "mateo",
    "nadia",
    "oscar",
    "paula",
    "raj",
    "sofia",
    "tomas",
    "uma",
    "vera",
    "wes",
    "yara",
    "zane",
]
SUFFIX = ["", "_", ".", "__", "x"]
TAIL = ["", "22", "1987", "_ltp", "coffee", "_irl", "99", "b", "_writes", "2k", "_", "lake", "_j", "88", "07"]
LAST_INITIAL = "ABCDEFGHJKLMNOPRSTVW"

# Where each kind puts a person's profile.
PROFILE_URL = {
    "reddit": "https://www.reddit.com/user/{h}",
    "mastodon": "https://lakeport.social/@{h}",
    "bluesky": "https://bsky.app/profile/{h}.bsky.social",
    "youtube": "https://www.youtube.com/@{h}",
    "hackernews": "https://news.ycombinator.com/user?id={h}",
    "appstore": None,
    "yelp": "https://www.yelp.com/user_details?userid={h}",
    "trustpilot": "https://www.trustpilot.com/users/{h}",
}
