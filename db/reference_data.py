"""Reference data every database starts with, inserted idempotently on each start."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, time

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import LookupOption, Office, SopStep

SERVICE_TYPE = "service_type"
EDUCATION = "education"
OCCUPATION = "occupation"
INSTITUTION_TYPE = "institution_type"

LOOKUP_OPTIONS: dict[str, tuple[tuple[str, str], ...]] = {
    SERVICE_TYPE: (
        ("perpustakaan", "Perpustakaan"),
        ("konsultasi", "Konsultasi statistik"),
        ("penjualan", "Penjualan produk statistik"),
        ("rekomendasi", "Rekomendasi kegiatan statistik"),
        ("lainnya", "Lainnya"),
    ),
    EDUCATION: (
        ("sd_smp", "SD/SMP sederajat"),
        ("sma", "SMA/SMK sederajat"),
        ("diploma", "D1/D2/D3"),
        ("s1", "D4/S1"),
        ("s2", "S2"),
        ("s3", "S3"),
    ),
    OCCUPATION: (
        ("pelajar", "Pelajar/Mahasiswa"),
        ("peneliti", "Peneliti/Dosen"),
        ("asn", "ASN/TNI/Polri"),
        ("bumn", "Pegawai BUMN/BUMD"),
        ("swasta", "Pegawai swasta"),
        ("wiraswasta", "Wiraswasta"),
        ("lainnya", "Lainnya"),
    ),
    INSTITUTION_TYPE: (
        ("pemerintah", "Lembaga negara/pemerintah"),
        ("pendidikan", "Lembaga pendidikan & penelitian dalam negeri"),
        ("bumn", "BUMN/BUMD"),
        ("swasta", "Swasta"),
        ("internasional", "Lembaga internasional/asing"),
        ("perorangan", "Perorangan"),
        ("lainnya", "Lainnya"),
    ),
}


@dataclass(frozen=True)
class OfficeSeed:
    code: str
    name: str
    city: str
    timezone: str = "Asia/Jakarta"
    service_start: time = time(8, 30)
    service_end: time = time(15, 30)


@dataclass(frozen=True)
class SopStepSeed:
    number: int
    name: str
    actor: str
    output: str
    target_minutes: int | None
    effective_from: date


DEFAULT_OFFICE = OfficeSeed(code="1603", name="BPS Kabupaten Muara Enim", city="Muara Enim")


def ensure_office(session: Session, seed: OfficeSeed) -> Office:
    office = session.scalar(select(Office).where(Office.code == seed.code))
    if office is None:
        office = Office(**vars(seed))
        session.add(office)
        session.flush()
    return office


def ensure_sop_steps(session: Session, steps: Iterable[SopStepSeed]) -> None:
    existing = {
        (number, effective_from)
        for number, effective_from in session.execute(
            select(SopStep.number, SopStep.effective_from)
        )
    }
    for step in steps:
        if (step.number, step.effective_from) not in existing:
            session.add(SopStep(**vars(step)))


def ensure_lookup_options(session: Session) -> None:
    existing = set(session.execute(select(LookupOption.kind, LookupOption.code)))
    for kind, options in LOOKUP_OPTIONS.items():
        for order, (code, label) in enumerate(options, start=1):
            if (kind, code) not in existing:
                session.add(LookupOption(kind=kind, code=code, label=label, sort_order=order))


def lookup_options(session: Session, kind: str) -> list[tuple[str, str]]:
    rows = session.execute(
        select(LookupOption.code, LookupOption.label)
        .where(LookupOption.kind == kind, LookupOption.active.is_(True))
        .order_by(LookupOption.sort_order, LookupOption.label)
    )
    return [(code, label) for code, label in rows]
