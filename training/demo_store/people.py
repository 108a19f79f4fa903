"""Demo customers: names, e-mails, phones and addresses that fit each customer's language."""

from __future__ import annotations

import random
import unicodedata
from datetime import datetime, timedelta
from typing import Any

EN_FIRST = ["Emma", "Liam", "Olivia", "Noah", "Ava", "James", "Sophia", "Lucas", "Mia", "Ethan", "Harper", "Mason", "Ella",
            "Logan", "Grace", "Henry", "Chloe", "Jack", "Nora", "Owen", "Zoe", "Caleb", "Ruby", "Isaac", "Hazel", "Leo",
            "Aisha", "Priya", "Daniel", "Megan", "Ryan", "Hannah", "Tom", "Claire", "Marcus", "Fiona", "Ben", "Tara"]
EN_LAST = ["Smith", "Johnson", "Brown", "Taylor", "Miller", "Wilson", "Moore", "Anderson", "Thomas", "Walker", "Young",
           "Hughes", "Patel", "Campbell", "O'Connor", "Murphy", "Bennett", "Reid", "Foster", "Hayes", "Sullivan", "Price",
           "Bishop", "Lawson", "Khan", "Fletcher", "Graham", "Nguyen", "Kowalski", "Hart"]
ZH_SURNAMES = [("王", "Wang"), ("李", "Li"), ("张", "Zhang"), ("刘", "Liu"), ("陈", "Chen"), ("杨", "Yang"), ("黄", "Huang"),
               ("赵", "Zhao"), ("吴", "Wu"), ("周", "Zhou"), ("徐", "Xu"), ("孙", "Sun"), ("林", "Lin"), ("郭", "Guo")]
ZH_GIVEN = [("伟", "wei"), ("芳", "fang"), ("娜", "na"), ("敏", "min"), ("静", "jing"), ("磊", "lei"), ("洋", "yang"),
            ("婷", "ting"), ("晨", "chen"), ("浩然", "haoran"), ("子涵", "zihan"), ("欣怡", "xinyi"), ("宇轩", "yuxuan"),
            ("佳琪", "jiaqi"), ("俊杰", "junjie"), ("雨桐", "yutong"), ("思远", "siyuan"), ("梓萱", "zixuan"), ("明", "ming")]
ES_FIRST = ["Sofía", "Mateo", "Valentina", "Santiago", "Camila", "Diego", "Lucía", "Javier", "Isabella", "Alejandro",
            "Martina", "Carlos", "Daniela", "Andrés", "Gabriela", "Pablo", "Elena", "Miguel", "Carmen", "Luis", "Paula"]
ES_LAST = ["García", "Martínez", "López", "Hernández", "González", "Rodríguez", "Pérez", "Sánchez", "Ramírez", "Torres",
           "Flores", "Rivera", "Gómez", "Díaz", "Morales", "Ortiz", "Castillo", "Romero", "Navarro", "Ruiz"]
DOMAINS = ["example.com", "mail.example", "inbox.example", "example.org"]
STREETS_EN = ["Maple Street", "Oak Avenue", "Cedar Lane", "Pine Road", "Elm Street", "Lakeview Drive", "Hillcrest Road",
              "Willow Way", "Park Avenue", "River Road", "Sunset Boulevard", "Highland Avenue"]
STREETS_ES = ["Calle Mayor", "Avenida Reforma", "Calle del Sol", "Avenida Insurgentes", "Calle de Alcalá",
              "Paseo de la Castellana", "Calle Juárez", "Avenida Revolución"]
# (city, region, postal prefix, country, phone prefix)
PLACES = {
    "US": [("Portland", "OR", "972", "+1 503"), ("Seattle", "WA", "981", "+1 206"), ("Denver", "CO", "802", "+1 303"),
           ("Austin", "TX", "787", "+1 512"), ("Chicago", "IL", "606", "+1 312"), ("Boston", "MA", "021", "+1 617"),
           ("San Francisco", "CA", "941", "+1 415"), ("New York", "NY", "100", "+1 212"), ("Miami", "FL", "331", "+1 305"),
           ("Los Angeles", "CA", "900", "+1 213"), ("Houston", "TX", "770", "+1 713"), ("Minneapolis", "MN", "554", "+1 612"),
           ("Salt Lake City", "UT", "841", "+1 801"), ("Asheville", "NC", "288", "+1 828")],
    "CA": [("Vancouver", "BC", "V6B", "+1 604"), ("Toronto", "ON", "M5V", "+1 416"), ("Calgary", "AB", "T2P", "+1 403")],
    "GB": [("London", "England", "SW1", "+44 20"), ("Edinburgh", "Scotland", "EH1", "+44 131")],
    "AU": [("Sydney", "NSW", "20", "+61 2"), ("Melbourne", "VIC", "30", "+61 3")],
    "MX": [("Ciudad de México", "CDMX", "06", "+52 55"), ("Guadalajara", "Jalisco", "44", "+52 33")],
    "ES": [("Madrid", "Madrid", "28", "+34 91"), ("Barcelona", "Cataluña", "08", "+34 93"), ("Valencia", "Valencia", "46", "+34 96")],
    "CN": [("上海", "上海市", "2000", "+86 21"), ("北京", "北京市", "1000", "+86 10"), ("深圳", "广东省", "5180", "+86 755")],
    "SG": [("Singapore", "Singapore", "23", "+65")],
}
# countries per language with weights
COUNTRY_MIX = {"en": [("US", 88), ("CA", 6), ("GB", 4), ("AU", 2)], "zh": [("US", 75), ("CA", 10), ("CN", 8), ("SG", 7)],
               "es": [("US", 75), ("MX", 15), ("ES", 10)]}
ZH_STREETS = ["南京西路", "长安街", "深南大道", "淮海中路", "中山路"]


def _ascii(s: str) -> str:
    return unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode().lower().replace("'", "")


def _name(r: random.Random, lang: str) -> tuple[str, str]:
    """(display name, e-mail local part)."""
    if lang == "zh":
        (sur, sur_py), (given, given_py) = r.choice(ZH_SURNAMES), r.choice(ZH_GIVEN)
        return sur + given, r.choice([f"{given_py}.{sur_py.lower()}", f"{sur_py.lower()}{given_py}", f"{given_py}{r.randint(1, 99)}"])
    if lang == "es":
        first, last = r.choice(ES_FIRST), r.choice(ES_LAST)
        name = f"{first} {last}" if r.random() < 0.6 else f"{first} {last} {r.choice(ES_LAST)}"
        return name, r.choice([f"{_ascii(first)}.{_ascii(last)}", f"{_ascii(first)[0]}{_ascii(last)}", f"{_ascii(first)}{r.randint(1, 99)}"])
    first, last = r.choice(EN_FIRST), r.choice(EN_LAST)
    return f"{first} {last}", r.choice([f"{_ascii(first)}.{_ascii(last)}", f"{_ascii(first)}{_ascii(last)[0]}",
                                        f"{_ascii(first)[0]}{_ascii(last)}{r.randint(1, 99)}"])


def _address(r: random.Random, lang: str, country: str) -> tuple[dict[str, str], str]:
    city, region, prefix, phone = r.choice(PLACES[country])
    num = r.randint(2, 2999)
    if country == "CN":
        line1, postal = f"{r.choice(ZH_STREETS)}{num}号", prefix + f"{r.randint(0, 99):02d}"
    elif country in ("MX", "ES"):
        line1, postal = f"{r.choice(STREETS_ES)} {num}", prefix + f"{r.randint(0, 999):03d}"
    elif country == "CA":
        line1, postal = f"{num} {r.choice(STREETS_EN)}", f"{prefix} {r.randint(1, 9)}{r.choice('ABCEGHJ')}{r.randint(1, 9)}"
    elif country == "GB":
        line1, postal = f"{num % 200 + 1} {r.choice(STREETS_EN)}", f"{prefix} {r.randint(1, 9)}{r.choice('ABDEFG')}{r.choice('HJLNPQ')}"
    elif country in ("AU", "SG"):
        line1, postal = f"{num % 400 + 1} {r.choice(STREETS_EN)}", prefix + f"{r.randint(0, 99):02d}" + ("00" if country == "SG" else "")
    else:
        line1, postal = f"{num} {r.choice(STREETS_EN)}", prefix + f"{r.randint(0, 99):02d}"
    if r.random() < 0.25 and country not in ("CN",):
        line1 += r.choice([", Apt 4B", ", Unit 12", ", Apt 301", ", Suite 200", ", Apt 7"]) if lang != "es" else r.choice([", 3º B", ", Depto 5", ", Int. 2"])
    digits = "".join(str(r.randint(0, 9)) for _ in range(7 if country != "SG" else 8))
    # North American numbers use 555-0100..0199, the range reserved for fiction
    phone_num = f"{phone} 555-01{digits[:2]}" if country in ("US", "CA") else f"{phone} {digits}"
    return {"line1": line1, "city": city, "region": region, "postal_code": postal, "country": country}, phone_num


def make_customers(seed: int, n: int, today: datetime) -> list[dict[str, Any]]:
    """``n`` customers C0001..; about 60% English, 20% Chinese, 20% Spanish speakers."""
    r = random.Random(seed)
    rows, emails = [], set()
    for i in range(n):
        lang = "en" if i % 5 in (0, 2, 4) else ("zh" if i % 5 == 1 else "es")
        name, local = _name(r, lang)
        email = f"{local}@{r.choice(DOMAINS)}"
        while email in emails:
            email = f"{local}{r.randint(100, 999)}@{r.choice(DOMAINS)}"
        emails.add(email)
        countries, weights = zip(*COUNTRY_MIX[lang])
        country = r.choices(countries, weights)[0]
        address, phone = _address(r, lang, country)
        created = today - timedelta(days=r.randint(220, 1400), seconds=r.randint(0, 86399))
        rows.append({"id": f"C{i + 1:04d}", "name": name, "email": email, "phone": phone, "language": lang,
                     "address": address, "created_at": created.strftime("%Y-%m-%dT%H:%M:%SZ")})
    return rows
