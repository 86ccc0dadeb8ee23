"""The repository's report as a throwaway project: source/, the ko and zh_Hans
catalogs, and an Arabic catalog with a few reviewed entries (the rest falls
back to English), for tests of whole editions (PDF, browser)."""

from __future__ import annotations

import shutil
from pathlib import Path

import polib

REPO = Path(__file__).resolve().parents[1]
DOC = "hrw-north-korea-world-report-2020"

# Reviewed Arabic for a few units: the title, two sentences with links, plain prose.
AR_REVIEWED = {
    "North Korea: Systematic Repression": "كوريا الشمالية: قمع ممنهج",
    "(Seoul) – North Korea’s government, one of the most repressive in the world, maintained its "
    "totalitarian rule during 2019 with ongoing brutality and intimidation, Human Rights Watch said "
    "today in its <1>World Report 2020</1>.": "(سول) – قالت هيومن رايتس ووتش اليوم في <1>التقرير العالمي 2020</1> "
    "إن حكومة كوريا الشمالية، وهي من أشد الحكومات قمعا في العالم، حافظت على حكمها الشمولي خلال 2019 "
    "بالوحشية والترهيب المستمرين.",
    "The North Korean government uses prison camps, torture, forced labor, and threats of execution and "
    "arbitrary punishment to maintain fearful obedience among the population, while restricting North "
    "Koreans from travel out of the country and communication with the outside world.": "تستخدم حكومة "
    "كوريا الشمالية معسكرات الاعتقال والتعذيب والعمل القسري والتهديد بالإعدام والعقاب التعسفي لإبقاء "
    "السكان في طاعة يسودها الخوف، بينما تمنع الكوريين الشماليين من السفر إلى خارج البلاد ومن التواصل "
    "مع العالم الخارجي.",
    "In the 652-page World Report 2020, its 30th edition, Human Rights Watch reviews human rights practices "
    "in nearly 100 countries.": "في التقرير العالمي 2020 المؤلف من 652 صفحة، وهو في طبعته الثلاثين، "
    "تستعرض هيومن رايتس ووتش ممارسات حقوق الإنسان في قرابة 100 بلد.",
    "In his <1>introductory essay</1>, Executive Director Kenneth Roth says that the Chinese government, "
    "which depends on repression to stay in power, is carrying out the most intense attack on the global "
    "human rights system in decades.": "يقول المدير التنفيذي كينيث روث في <1>مقالته الافتتاحية</1> إن "
    "الحكومة الصينية، التي تعتمد على القمع للبقاء في السلطة، تشن أعنف هجوم على النظام العالمي لحقوق "
    "الإنسان منذ عقود.",
}


def report_project(root: Path, *, locales: tuple[str, ...] = ("ko", "zh_Hans", "ar"), extra: str = "") -> Path:
    """Copy the report and its catalogs into ``root``; returns ``root``."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copytree(REPO / "source", root / "source")
    for locale in locales:
        src = REPO / "locales" / locale / "LC_MESSAGES" / f"{DOC}.po"
        dst = root / "locales" / locale / "LC_MESSAGES" / f"{DOC}.po"
        dst.parent.mkdir(parents=True)
        shutil.copy(src, dst)
    shutil.copy(REPO / "locales" / f"{DOC}.pot", root / "locales" / f"{DOC}.pot")
    if "ar" in locales:
        path = root / "locales" / "ar" / "LC_MESSAGES" / f"{DOC}.po"
        po = polib.pofile(str(path))
        found = 0
        for entry in po:
            if entry.msgid in AR_REVIEWED:
                entry.msgstr = AR_REVIEWED[entry.msgid]
                found += 1
        assert found == len(AR_REVIEWED), "the report's Arabic catalog changed: update AR_REVIEWED"
        po.save(str(path))
    locale_list = ", ".join(f'"{loc}"' for loc in locales)
    (root / "l10n.toml").write_text(
        f'project = "hrw-world-report-2020"\nlocales = [{locale_list}]\nsources = ["source/*.md"]\n{extra}',
        encoding="utf-8",
    )
    return root
