"""Praise: friendly baristas, seasonal drinks, good beans, nice shops."""

from __future__ import annotations

from tools.demo_content import E

THEME = "praise"

ENTRIES = [
    E(
        "reddit",
        "Shoutout to {staff} at Northwind Coffee {shop}",
        "I've been going in maybe twice a week since moving here in the spring. Today {staff} had my "
        "{drink} on the bar before I even got to the register and said \"figured it's a two-shot kind of "
        'day". It was. Small thing, made my week. Northwind Coffee, give that person a raise.',
        "praise",
        var=2,
    ),
    E(
        "bluesky",
        "",
        "the Northwind Coffee maple cortado is back and I am a better person for it 🍁☕",
        "praise",
        who="ro",
        var=1,
    ),
    E(
        "yelp",
        "",
        "Best coffee shop in Lakeport! Northwind Coffee {shop} has "
        "lovely light, friendly staff, and the {drink} is consistently excellent. The almond croissant "
        "is a dream. Highly recommend.",
        "praise",
        rating=5,
        who="hannah",
        var=2,
    ),
    E(
        "mastodon",
        "",
        "Little moment of joy: the barista at Northwind Coffee Riverside drew a tiny duck "
        "in my latte because I said I'd been watching the ducks. Humans are good sometimes. "
        "#NorthwindCoffee",
        "praise",
        var=1,
    ),
    E(
        "bluesky",
        "",
        "Northwind Coffee Harbor Blend in the pour-over at home this morning, rain outside, "
        "cat on lap. Perfect Sunday.",
        "praise",
        who="cal",
    ),
    E(
        "yelp",
        "",
        "My kid spilled an entire hot chocolate across the table and floor at Northwind Coffee "
        "Market Square. Before I could even grab napkins, {staff} came over with a mop, a new hot chocolate "
        "and a sticker for my son. No fuss. We'll be back every weekend.",
        "praise",
        rating=5,
    ),
    E(
        "reddit",
        "Northwind Coffee's new winter blend is genuinely good",
        "Not a shill, I usually buy from small roasters. But the Northwind Coffee Winter Solstice blend "
        "(the one with the blue bag) is chocolatey without being flat, works great as espresso and in a "
        "moka pot. $17 a bag is fair for what it is.",
        "praise",
        who="devon",
    ),
    E(
        "trustpilot",
        "Subscription done right",
        "Two years on the Northwind Coffee subscription. Beans always arrive within a week of roasting, "
        "the one time a bag got squashed in the post they sent a new one the same day. Excellent.",
        "praise",
        rating=5,
        th="subs",
        who="cal",
    ),
    E(
        "bluesky",
        "",
        "northwind coffee pumpkin spice latte hits different when it's 48 degrees and "
        "the leaves are doing their thing 🍂",
        "praise",
        var=2,
    ),
    E(
        "appstore",
        "Finally fixed!",
        "The latest update made the Northwind app so much faster. Ordering ahead takes 10 "
        "seconds and my Rewards show up right away. Thank you!",
        "praise",
        rating=5,
        th="app",
        var=1,
    ),
    E(
        "mastodon",
        "",
        "Northwind Coffee Pier 9 on a quiet Wednesday afternoon is the best office in "
        "town. Good wifi, big tables, the staff let me sit for three hours with one drink and a refill.",
        "praise",
        who="quinn",
    ),
    E(
        "yelp",
        "",
        "Came here because Bluebird Coffee was packed. Honestly? Northwind Coffee is better. "
        "The cappuccino had proper microfoam, not a foam hat. Will switch.",
        "praise",
        rating=5,
        var=1,
    ),
    E(
        "reddit",
        "Northwind Coffee donated 200 coffees to the shelter on 4th",
        "Saw this on the shelter's noticeboard: Northwind Coffee has been sending over their leftover pastries "
        "every night and gave 200 free coffees to the volunteers during the cold snap. Quietly, no fanfare. "
        "Just thought people should know. Good people.",
        "praise",
        who="lou",
        key="viral-donation",
    ),
    E(
        "bluesky",
        "",
        "shoutout to the Northwind Coffee Elm St crew who stayed open 20 extra minutes so "
        "the whole soccer team could get hot chocolate after the rainout. heroes",
        "praise",
        who="lou",
    ),
    E(
        "youtube",
        "",
        "Great video! I tried the Northwind Coffee cold brew concentrate method you showed "
        "and it's miles better than what I was doing. 1:4 ratio is the magic.",
        "praise",
        var=2,
    ),
    E(
        "youtube",
        "",
        "The barista in this video is the one from Northwind Coffee Cedar Ave, she makes the "
        "best flat white in the city 🙌",
        "praise",
    ),
    E(
        "mastodon",
        "",
        "I will defend Northwind Coffee's oat flat white to the death. Yes it's $6. Yes it's worth it.",
        "praise",
        who="ro",
    ),
    E(
        "trustpilot",
        "Lost my wallet, they kept it safe",
        "Left my wallet on the counter at Northwind Coffee Westgate. A barista found it, the shift lead locked "
        "it in the safe and called the number on my library card. Every card and every dollar was there. Thank you!",
        "praise",
        rating=5,
    ),
    E(
        "yelp",
        "",
        "Great spot for a first date. Quiet corner, decent music, and the honey lavender "
        "latte is lovely. Northwind Coffee Maple Heights, thank you for the vibe.",
        "praise",
        rating=4,
    ),
    E(
        "bluesky",
        "",
        "i've tried every coffee in this town and Northwind Coffee's decaf is the only one "
        "that doesn't taste like regret. pregnant and grateful",
        "praise",
    ),
    E(
        "reddit",
        "Northwind Rewards birthday drink is a nice touch",
        "Went in on my birthday, the app had a free drink of any size loaded, and the barista at {shop} "
        "wrote happy birthday on the cup with a little cake drawing. I'm 41 and it made me smile.",
        "praise",
        th="rewards",
        var=1,
    ),
    E(
        "appstore",
        "Solid app",
        "Does what it says. Order ahead, pay, collect Northwind Rewards points. The new pickup ETA is "
        "usually accurate within a couple of minutes.",
        "praise",
        rating=4,
        th="app",
        who="devon",
    ),
    E(
        "youtube",
        "",
        "Love that Northwind Coffee posts these behind-the-scenes roasting videos. The "
        "green-to-brown time-lapse is hypnotic.",
        "praise",
        var=1,
    ),
    E(
        "mastodon",
        "",
        "Northwind Coffee started offering reusable cups you return at any shop. I've "
        "been using the same one for a month. More of this please. #NorthwindCoffee #zerowaste",
        "praise",
        who="mo",
    ),
    E(
        "yelp",
        "",
        "Five stars for the staff at Northwind Coffee Union Station. 6am, rush hour, and they "
        "smile, chat and keep the line moving. Wonderful people, great coffee.",
        "praise",
        rating=5,
        who="hannah",
    ),
    E(
        "bluesky",
        "",
        "okay the Northwind Coffee gingerbread cold foam is absurdly good and I refuse to be normal about it",
        "praise",
        var=1,
    ),
    E(
        "trustpilot",
        "Great online store experience",
        "Ordered a Northwind Coffee gift box for my mum, it arrived in two days, beautifully packed, with "
        "a handwritten note. She loved it.",
        "praise",
        rating=5,
        th="subs",
    ),
]
