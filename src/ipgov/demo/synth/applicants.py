"""The demo's one synthetic generator of parties: names of people and enterprises, addresses as records
write them, unified social credit codes. The register (who files in Henan), the cases and the
programme and finance organizations all draw from here."""

from __future__ import annotations

import random
from bisect import bisect
from dataclasses import dataclass
from itertools import accumulate

from ipgov.core.credit_code import ALPHABET
from ipgov.core.credit_code import make as make_credit_code
from ipgov.demo.synth import reference as ref

# applicant types as CNIPA's tables name them (申请人类型)
ENTERPRISE, UNIVERSITY, INSTITUTE, INDIVIDUAL, GOVERNMENT = "企业", "大专院校", "科研单位", "个人", "机关团体"


@dataclass(frozen=True, slots=True)
class Party:
    name: str
    kind: str  # one of the applicant types above
    address: str
    city: str  # intended city-level unit code ("" outside Henan)
    county: str  # intended county/zone code ("" outside Henan)
    province_tag: str = "河南(41)"  # 国省代码 as commercial databases print it
    domestic: bool = True


def draw(rng: random.Random, population, cum_weights) -> object:
    """`rng.choices(population, cum_weights=cum_weights)[0]`: the same draw from the same random number,
    without the list and the checks (the generator draws millions)."""
    return population[bisect(cum_weights, rng.random() * (cum_weights[-1] + 0.0), 0, len(population) - 1)]


def below(rng: random.Random, n: int) -> int:
    """`rng.randrange(n)` (n > 0): the same number from the same random bits — CPython's
    `_randbelow_with_getrandbits`, without the two Python calls and the checks around it (the generator
    draws tens of millions)."""
    k = n.bit_length()
    r = rng.getrandbits(k)
    while r >= n:
        r = rng.getrandbits(k)
    return r


def choose(rng: random.Random, seq):
    """`rng.choice(seq)` for a non-empty sequence: the same item from the same random bits (see `below`)."""
    return seq[below(rng, len(seq))]


def between(rng: random.Random, a: int, b: int) -> int:
    """`rng.randint(a, b)`: the same number from the same random bits (see `below`)."""
    return a + below(rng, b - a + 1)


def _weighted_counties(city: str) -> tuple[list[ref.County], list[float]]:
    items = ref.counties()[city]
    # districts and zones of the city proper file far more than rural counties
    weights = [c.population * (3.0 if c.is_zone or c.name.endswith("区") else 1.0) for c in items]
    return items, weights


class AddressBook:
    """Addresses in the forms real registers carry: with or without postcode and province, zones by their
    common names. Deterministic for a given random source."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.cities = list(ref.CITIES)
        self.city_cum = list(accumulate(ref.CITIES[c][1] for c in self.cities))
        self._counties = {c: (items, list(accumulate(w))) for c in self.cities for items, w in [_weighted_counties(c)]}

    def city(self) -> str:
        return draw(self.rng, self.cities, self.city_cum)

    def address(self, city: str) -> tuple[str, str]:
        """(address text, county code) somewhere in `city`."""
        rng = self.rng
        items, cum = self._counties[city]
        county = draw(rng, items, cum)
        city_name, _, postcode = ref.CITIES[city]
        if city == "419001":
            place = "济源市"
        elif county.is_zone and county.code in ref.ZONE_FORMS:
            place = rng.choice(ref.ZONE_FORMS[county.code])
            if not place.startswith(city_name[:2]):
                place = city_name + place
        elif county.is_zone:
            place = county.name if county.name.startswith(city_name[:2]) else city_name + county.name
        else:
            place = city_name + county.name
        street = f"{rng.choice(ref.STREETS)}{rng.randint(1, 300)}号{rng.choice(ref.BUILDINGS)}"
        form = rng.random()
        code = f"{postcode + rng.randint(0, 60):06d}"
        if form < 0.45:
            text = f"{code}河南省{place}{street}"
        elif form < 0.75:
            text = f"河南省{place}{street}"
        elif form < 0.90:
            text = f"{place}{street}"
        else:
            text = f"{code} 河南省{place}{street}"
        return text, county.code


def credit_code(rng: random.Random, region_code: str) -> str:
    """A well-formed unified social credit code of an enterprise (91) registered in `region_code`."""
    return make_credit_code(region_code, "".join(rng.choice(ALPHABET) for _ in range(9)))


def enterprise_name(rng: random.Random, place: str, taken: set[str] | None = None) -> str:
    """An enterprise of `place` (a region's name), e.g. 洛阳瑞新智能装备有限公司; not in `taken` (then added).

    Programme, finance and case parties use this vocabulary; the register's applicants use the firm
    vocabulary of `Applicants`, so that organizations created from each never collide by name."""
    short = place.removesuffix("市").removesuffix("县").removesuffix("区")
    while True:
        name = f"{short}{rng.choice(ref.ORG_WORDS)}{rng.choice(ref.ORG_WORDS)}{rng.choice(ref.ORG_TRADES)}有限公司"
        if taken is None:
            return name
        if name not in taken:
            taken.add(name)
            return name


def person_name(rng: random.Random) -> str:
    return choose(rng, ref.SURNAMES) + choose(rng, ref.GIVEN) + ("" if rng.random() < 0.6 else choose(rng, ref.GIVEN)[:1])


class Applicants:
    """Pools of Henan applicants: real universities and institutes, synthetic firms, individuals."""

    def __init__(self, rng: random.Random, firms: int = 30_000, people: int = 40_000):
        self.rng = rng
        self.book = AddressBook(rng)
        self.universities = [self._institution(n, c, UNIVERSITY) for n, c, _ in ref.UNIVERSITIES]
        self.university_cum: dict[int | None, list[float]] = {}  # by filing year
        self.institutes = [self._institution(n, c, INSTITUTE) for n, c, _ in ref.INSTITUTES]
        self.institute_cum = list(accumulate(w for _, _, w in ref.INSTITUTES))
        self.firms = self._firms(firms)
        self.people = [self._person() for _ in range(people)]
        self.government = [self._government() for _ in range(300)]

    def _institution(self, name: str, city: str, kind: str) -> Party:
        text, county = self.book.address(city)
        return Party(name, kind, text, city, county)

    def _firms(self, n: int) -> list[Party]:
        rng, seen, out = self.rng, set(), []
        while len(out) < n:
            city = self.book.city()
            city_name = ref.CITIES[city][0]
            prefix = city_name[:-1] if rng.random() < 0.7 else "河南"
            name = (prefix + rng.choice(ref.FIRM_WORDS) + rng.choice(ref.FIRM_WORDS)
                    + rng.choice(ref.FIRM_TRADES) + rng.choice(ref.FIRM_FORMS))
            if name in seen:
                continue
            seen.add(name)
            text, county = self.book.address(city)
            out.append(Party(name, ENTERPRISE, text, city, county))
        return out

    def _person(self) -> Party:
        city = self.book.city()
        text, county = self.book.address(city)
        return Party(person_name(self.rng), INDIVIDUAL, text, city, county)

    def _government(self) -> Party:
        city = self.book.city()
        text, county = self.book.address(city)
        return Party(ref.CITIES[city][0] + self.rng.choice(ref.GOVERNMENT), GOVERNMENT, text, city, county)

    def pick(self, kind: str, year: int | None = None) -> Party:
        """An applicant of `kind`; universities' shares depend on the filing `year` (ref.UNIVERSITY_GROWTH)."""
        rng = self.rng
        if kind == UNIVERSITY:
            if year not in self.university_cum:
                self.university_cum[year] = list(accumulate(ref.university_weights(year)))
            return draw(rng, self.universities, self.university_cum[year])
        if kind == INSTITUTE:
            return draw(rng, self.institutes, self.institute_cum)
        if kind == INDIVIDUAL:
            return choose(rng, self.people)
        if kind == GOVERNMENT:
            return choose(rng, self.government)
        # a few large firms file much of the volume: a skewed pick over the pool
        return self.firms[int(len(self.firms) * rng.random() ** 2.2)]


def foreign_party(rng: random.Random) -> Party:
    tag, name, address, kind = rng.choice(ref.FOREIGN_APPLICANTS)
    return Party(name, kind, address, "", "", province_tag=tag, domestic=False)


def out_of_province_pair(rng: random.Random, applicants: Applicants) -> list[Party]:
    tag, name, address, henan_name = rng.choice(ref.OUT_OF_PROVINCE)
    first = Party(name, ENTERPRISE, address, "", "", province_tag=tag)
    text, county = applicants.book.address("410100")
    return [first, Party(henan_name, ENTERPRISE, text, "410100", county)]
