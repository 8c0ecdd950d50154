"""Demo key-officer training for the Lạng Sơn demo data: officer records by level for 2019–2025 that
agree with the yearly figures already loaded, and about 25 courses with attendance. Everything goes
through the services. Deterministic (fixed seeds) and idempotent (records already equal and courses
whose code exists are skipped)."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from django.db import transaction

from kttt.annual.models import AnnualFigures
from kttt.indicators.queries import active_q
from kttt.registry.models import Organisation
from kttt.training import services
from kttt.training.models import TRAINED_KINDS, OfficerTraining, TrainingCourse, TrainingLevel

SEED = 2019
FIRST, LAST = 2019, 2025
BASIC_SHARE = 0.7  # of the trained, the share trained at sơ cấp/trung cấp; the rest cao đẳng/đại học
COURSES = 25
SOURCE = "Dữ liệu mẫu: báo cáo đào tạo cán bộ của HTX"
LANG_SON_CODES = "LS-"  # the codes of the Lạng Sơn demo organisations (`kttt demo --national` adds others)
ALLIANCE = "Liên minh Hợp tác xã tỉnh Lạng Sơn"
AGRICULTURE = "Sở Nông nghiệp và Phát triển nông thôn"
NATIONAL = "Liên minh HTX Việt Nam"


@dataclass(frozen=True)
class Topic:
    title: str
    organiser: str
    level: TrainingLevel
    first: int  # the years the topic makes sense: laws and circulars have dates
    last: int


TOPICS = [
    Topic("Quản trị hợp tác xã theo Luật Hợp tác xã 2012", ALLIANCE, TrainingLevel.SHORT, 2019, 2022),
    Topic("Quản trị hợp tác xã theo Luật Hợp tác xã 2023", ALLIANCE, TrainingLevel.SHORT, 2023, 2025),
    Topic("Kế toán HTX theo Thông tư 24/2017/TT-BTC", ALLIANCE, TrainingLevel.BASIC, 2019, 2024),
    Topic("Kế toán HTX theo Thông tư 71/2024/TT-BTC", NATIONAL, TrainingLevel.BASIC, 2025, 2025),
    Topic("Xây dựng chuỗi giá trị nông sản", AGRICULTURE, TrainingLevel.SHORT, 2019, 2025),
    Topic("Xây dựng và phát triển sản phẩm OCOP", AGRICULTURE, TrainingLevel.SHORT, 2019, 2025),
    Topic("Chuyển đổi số trong HTX", NATIONAL, TrainingLevel.SHORT, 2021, 2025),
    Topic("Trung cấp quản trị kinh doanh cho cán bộ HTX", ALLIANCE, TrainingLevel.BASIC, 2019, 2025),
]
PLACES = ["Thành phố Lạng Sơn", "Huyện Cao Lộc", "Huyện Hữu Lũng", "Huyện Bắc Sơn", "Huyện Chi Lăng"]
AFTER_REFORM_PLACE = "Trụ sở Liên minh Hợp tác xã tỉnh Lạng Sơn"  # districts are gone from 1/7/2025


def load_demo_training() -> None:
    load_demo_officers()
    load_demo_courses()


def split(code: str, year: int, trained: int) -> tuple[int, int]:
    """(sơ cấp/trung cấp, cao đẳng/đại học): about 70/30, varied per organisation-year but reproducible."""
    jitter = random.Random(f"{SEED}-{code}-{year}").uniform(-0.15, 0.15)
    higher = min(trained, max(0, round(trained * (1 - BASIC_SHARE + jitter))))
    return trained - higher, higher


@transaction.atomic
def load_demo_officers() -> None:
    """One record per demo organisation-year with both totals reported, split by level."""
    figures = AnnualFigures.objects.filter(
        organisation__is_demo=True,
        organisation__code__startswith=LANG_SON_CODES,
        organisation__kind__in=TRAINED_KINDS,
        year__gte=FIRST,
        year__lte=LAST,
        managers__isnull=False,
        managers_trained__isnull=False,
    ).select_related("organisation")
    existing = {
        (r.organisation_id, r.year): (r.officers, r.trained_basic, r.trained_higher)
        for r in OfficerTraining.objects.filter(
            organisation__is_demo=True, organisation__code__startswith=LANG_SON_CODES, year__gte=FIRST, year__lte=LAST
        )
    }
    for row in figures:
        assert row.managers is not None and row.managers_trained is not None
        basic, higher = split(row.organisation.code, row.year, row.managers_trained)
        if existing.get((row.organisation_id, row.year)) != (row.managers, basic, higher):
            services.record_officers(row.organisation, row.year, row.managers, basic, higher, SOURCE)


@dataclass(frozen=True)
class CoursePlan:
    code: str
    topic: Topic
    start: dt.date
    days: int
    place: str


def course_plans() -> list[CoursePlan]:
    """About 25 courses spread over 2019–2025, three or four a year, numbered by date within the year."""
    rng = random.Random(SEED)
    plans: list[CoursePlan] = []
    for year in range(FIRST, LAST + 1):
        count = sum(1 for n in range(COURSES) if FIRST + n * (LAST - FIRST + 1) // COURSES == year)
        starts = sorted(dt.date(year, rng.randint(2, 11), rng.randint(1, 28)) for _ in range(count))
        for number, (start, topic) in enumerate(zip(starts, _topics(rng, year, count), strict=True), start=1):
            days = rng.randint(30, 60) if topic.level == TrainingLevel.BASIC else rng.randint(2, 5)
            place = rng.choice(PLACES) if start < dt.date(2025, 7, 1) else AFTER_REFORM_PLACE
            plans.append(CoursePlan(f"DEMO-DT-{year}-{number:02d}", topic, start, days, place))
    return plans


def _topics(rng: random.Random, year: int, count: int) -> list[Topic]:
    """Topics valid in `year`: those tied to a new law or circular first, the rest drawn at random."""
    valid = [t for t in TOPICS if t.first <= year <= t.last]
    timely = [t for t in valid if t.last - t.first <= 3]
    rest = [t for t in valid if t not in timely]
    chosen = (timely + rng.sample(rest, len(rest)))[:count]
    return rng.sample(chosen, len(chosen))


def load_demo_courses() -> None:
    existing = set(TrainingCourse.objects.filter(code__startswith="DEMO-DT-").values_list("code", flat=True))
    for plan in course_plans():
        if plan.code not in existing:
            _create_course(plan)


@transaction.atomic
def _create_course(plan: CoursePlan) -> None:
    course = services.record_course(
        code=plan.code,
        title=plan.topic.title,
        organiser=plan.topic.organiser,
        level=plan.topic.level,
        start=plan.start,
        end=plan.start + dt.timedelta(days=plan.days - 1),
        place=plan.place,
        note="Dữ liệu mẫu (khóa học giả định).",
    )
    rng = random.Random(f"{SEED}-{plan.code}")
    candidates = list(
        Organisation.objects.filter(
            active_q(plan.start), is_demo=True, code__startswith=LANG_SON_CODES, kind__in=TRAINED_KINDS
        )
        .order_by("code")
        .values_list("id", flat=True)
    )
    attending = rng.sample(candidates, min(len(candidates), rng.randint(8, 20)))
    for org in Organisation.objects.filter(id__in=attending).order_by("code"):
        services.add_attendance(course, org, rng.randint(1, 3))
