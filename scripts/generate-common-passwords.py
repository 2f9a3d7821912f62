#!/usr/bin/env python3
"""Writes src/MicroCred.Application/Features/Accounts/CommonPasswords.txt: passwords people commonly choose (words,
keyboard walks and number runs, with the usual endings), lower case, one per line. Offline by design: the sign-up
forms refuse these through CommonPasswordValidator. Run again after changing the lists below."""
import os

WORDS = """password passw0rd p@ssword p@ssw0rd pass word qwerty qwertyuiop qwertyui qwerty12 asdfghjkl asdfgh zxcvbnm
zxcvbnm1 letmein welcome welcome1 iloveyou loveyou admin administrator root teacher teachers student students school
schools classroom principal district education educator learning lesson homework microcred credential badge badges
springfield shelbyville sunshine princess football baseball basketball soccer hockey tennis volleyball dragon monkey
shadow master superman batman spiderman ironman trustno1 whatever starwars pokemon minecraft fortnite computer internet
michael jennifer jessica charlie michelle daniel matthew andrew joshua ashley amanda sarah thomas robert william
summer winter spring autumn monday friday january december freedom changeme secret default liberty america
abc123 abcdef abcdefgh abcdefghij 123456789 1234567890 0987654321 987654321 1q2w3e4r 1q2w3e4r5t 1qaz2wsx zaq12wsx qazwsx
qazwsxedc 1qazxsw2 q1w2e3r4 q1w2e3r4t5 a1b2c3d4 aa123456 loveme lovely flower flowers butterfly chocolate cookie
cookies pepper ginger tigger buster maggie bailey coffee banana orange purple yellow silver golden diamond angel
angels heaven jesus blessed faith family friends friend happy smile hello hellothere goodbye killer hunter ranger
mustang corvette harley yankees cowboys eagles lakers dolphins steelers packers liverpool chelsea arsenal barcelona
madrid jordan23 michael23 letmein1 passport access access14 login logon master123 admin123 root123 test test123
testing guest guest123 demo demo123 sample example office company business manager service support secure security
welcome123 monkey123 dragon123 qwerty123 password123 iloveyou123 princess123 sunshine123 football123 baseball123
""".split()

ENDINGS = ["", "1", "12", "123", "1234", "12345", "123456", "!", "!!", "1!", "12!", "123!", "@", "@123", "#1", "01", "007",
           "69", "99", "2000", "2010", "2015", "2018", "2019", "2020", "2021", "2022", "2023", "2024", "2025", "2026", "2027",
           "2024!", "2025!", "2026!", "2027!"]

def candidates():
    for word in WORDS:
        for ending in ENDINGS:
            yield word + ending
        yield word + word
    for digit in "0123456789":
        for length in range(6, 21):
            yield digit * length
    for letter in "abcdefghijklmnopqrstuvwxyz":
        yield letter * 10
        yield letter * 12
    for start in range(10):
        run = "".join(str((start + i) % 10) for i in range(20))
        for length in range(6, 21):
            yield run[:length]
    for walk in ["qwertyuiop", "asdfghjkl", "zxcvbnm", "1qaz2wsx3edc", "qazwsxedcrfv", "poiuytrewq", "lkjhgfdsa", "mnbvcxz"]:
        for length in range(6, len(walk) + 1):
            yield walk[:length]
            yield walk[:length] + "123"

if __name__ == "__main__":
    # Shorter ones are refused anyway (Identity requires 10 characters).
    seen = sorted({c.lower() for c in candidates() if len(c) >= 10})
    path = os.path.join(os.path.dirname(__file__), "..", "src", "MicroCred.Application", "Features", "Accounts", "CommonPasswords.txt")
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        out.write("\n".join(seen) + "\n")
    print(f"{len(seen)} passwords → {os.path.normpath(path)}")
