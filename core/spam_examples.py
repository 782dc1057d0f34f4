"""Example messages for the spam page, written for this app.

Names, amounts, numbers and addresses are invented; none belongs to a real
person or company.
"""

SPAM_EXAMPLES = {
    "Prize email from a famous tycoon": (
        "Subject: Congratulations, you have been selected!\n\n"
        "Dear lucky winner, I am Mr. Maximilian Goldberg, founder of a global "
        "tech empire. As part of my charity giveaway you have won $2,500,000 "
        "cash. To claim your prize, reply today with your full name, bank "
        "account number and a processing fee of $95. This offer expires in "
        "48 hours, so act now!"
    ),
    "Free camera-phone upgrade by SMS": (
        "FREE MSG: You are due a FREE camera phone upgrade! Our latest colour "
        "camera mobile is yours at no cost. Call 09000 000000 now or text "
        "UPGRADE to 80000 to claim. Std txt rate, 18+ only, T&Cs apply."
    ),
    "Auction 'you were outbid' notice": (
        "U hav been outbid on ur auction item! Bid again b4 it ends 2nite. "
        "Txt BID + ur max price 2 88888 now 2 stay in the lead. 150p/msg, "
        "reply STOP 2 end."
    ),
}

HAM_EXAMPLES = {
    "Running late": "Hey, running about 10 min late, save me a seat? I'll grab the coffees on the way.",
    "Dinner plans": (
        "Are we still on for dinner tonight? I was thinking pasta at mine, "
        "can you bring some bread if you pass the shop?"
    ),
    "Weekend catch-up": (
        "Had such a good time on Saturday! Let me know when you're free next "
        "week and we can go for that walk by the river."
    ),
}
