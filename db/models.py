"""The tables of the PST desk. Times are UTC (see ``UTCDateTime``); money is whole rupiah."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Numeric,
    SmallInteger,
    String,
    Text,
    Time,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from db.types import UTCDateTime

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

VISIT_IN_PROGRESS = "in_progress"
VISIT_REFUSED = "refused"
VISIT_DONE = "done"

ACTIVE_VISIT_WHERE = "status = 'in_progress'"

FORMAT_HARDCOPY = "hardcopy"
FORMAT_SOFTCOPY = "softcopy"
"""The formats a publication comes in (``Publication.has_hardcopy`` / ``has_softcopy``)."""


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Office(Base):
    __tablename__ = "office"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(8), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    city: Mapped[str] = mapped_column(String(100))
    timezone: Mapped[str] = mapped_column(String(64), default="Asia/Jakarta")
    service_start: Mapped[time] = mapped_column(Time, default=time(8, 30))
    service_end: Mapped[time] = mapped_column(Time, default=time(15, 30))
    address: Mapped[str | None] = mapped_column(String(300))
    """Street address printed under the office heading (receipts, referral slips)."""
    phone: Mapped[str | None] = mapped_column(String(40))
    email: Mapped[str | None] = mapped_column(String(254))


class StaffUser(Base):
    __tablename__ = "staff_user"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    full_name: Mapped[str] = mapped_column(String(200))
    nip: Mapped[str | None] = mapped_column(String(18))
    role: Mapped[str] = mapped_column(String(16))
    password_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class SopStep(Base):
    """One step of the SOP with its target time, versioned by the date it took effect."""

    __tablename__ = "sop_step"
    __table_args__ = (UniqueConstraint("number", "effective_from"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(300))
    actor: Mapped[str] = mapped_column(String(200))
    output: Mapped[str] = mapped_column(String(300))
    target_minutes: Mapped[int | None] = mapped_column(Integer)
    effective_from: Mapped[date] = mapped_column(Date)
    document_number: Mapped[str | None] = mapped_column(String(100))
    """The SOP document (*nomor SOP*) of this version; None for the version the app ships."""


class LookupOption(Base):
    """A choice offered by a form: service types, education, occupation, institution type."""

    __tablename__ = "lookup_option"
    __table_args__ = (UniqueConstraint("kind", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    code: Mapped[str] = mapped_column(String(64))
    label: Mapped[str] = mapped_column(String(200))
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Visitor(Base):
    __tablename__ = "visitor"
    __table_args__ = (
        Index("ix_visitor_office_phone", "office_id", "phone"),
        Index("ix_visitor_office_email", "office_id", "email"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    office_id: Mapped[int] = mapped_column(ForeignKey("office.id"))
    name: Mapped[str] = mapped_column(String(200))
    gender: Mapped[str] = mapped_column(String(1))
    birth_year: Mapped[int | None] = mapped_column(Integer)
    education: Mapped[str | None] = mapped_column(String(64))
    occupation: Mapped[str | None] = mapped_column(String(64))
    institution: Mapped[str | None] = mapped_column(String(200))
    institution_type: Mapped[str | None] = mapped_column(String(64))
    phone: Mapped[str | None] = mapped_column(String(20))
    email: Mapped[str | None] = mapped_column(String(254))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Visit(Base):
    __tablename__ = "visit"
    __table_args__ = (
        UniqueConstraint("office_id", "visit_date", "code"),
        Index(
            "uq_visit_active_rack_slot",
            "office_id",
            "rack_slot",
            unique=True,
            sqlite_where=text(ACTIVE_VISIT_WHERE),
            postgresql_where=text(ACTIVE_VISIT_WHERE),
        ),
        Index(
            "uq_visit_active_reading_table",
            "office_id",
            "reading_table",
            unique=True,
            sqlite_where=text(ACTIVE_VISIT_WHERE),
            postgresql_where=text(ACTIVE_VISIT_WHERE),
        ),
        Index("ix_visit_office_status", "office_id", "status"),
        Index("ix_visit_visitor_arrived", "visitor_id", "arrived_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    office_id: Mapped[int] = mapped_column(ForeignKey("office.id"))
    visitor_id: Mapped[int | None] = mapped_column(ForeignKey("visitor.id"))
    visit_date: Mapped[date] = mapped_column(Date)
    code: Mapped[str] = mapped_column(String(8))
    client_key: Mapped[str | None] = mapped_column(String(64), unique=True)
    arrived_at: Mapped[datetime] = mapped_column(UTCDateTime)
    left_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    mask_worn: Mapped[bool | None] = mapped_column(Boolean)
    temperature_celsius: Mapped[Decimal | None] = mapped_column(Numeric(3, 1))
    admitted: Mapped[bool | None] = mapped_column(Boolean)
    refusal_reason: Mapped[str | None] = mapped_column(String(200))
    rack_slot: Mapped[int | None] = mapped_column(Integer)
    reading_table: Mapped[int | None] = mapped_column(Integer)
    service_type: Mapped[str | None] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16), default=VISIT_IN_PROGRESS)
    outside_service_hours: Mapped[bool] = mapped_column(Boolean, default=False)
    imported: Mapped[bool] = mapped_column(Boolean, default=False)
    import_key: Mapped[str | None] = mapped_column(String(64), unique=True)
    """For an imported guest-book row: a fingerprint of the row, so a file imported twice
    adds nothing the second time."""
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))

    visitor: Mapped[Visitor | None] = relationship()
    steps: Mapped[list[VisitStep]] = relationship(
        back_populates="visit", order_by="VisitStep.id", cascade="all, delete-orphan"
    )
    requests: Mapped[list[DataRequest]] = relationship(
        back_populates="visit", order_by="DataRequest.position", cascade="all, delete-orphan"
    )


class VisitStep(Base):
    """One SOP step of one visit.

    ``queued_at`` is when the step became due (the previous step ended); ``started_at`` is when
    an officer began it. The gap between them is waiting time, kept apart from the step's own
    duration ``ended_at - started_at``.
    """

    __tablename__ = "visit_step"
    __table_args__ = (UniqueConstraint("visit_id", "step_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("visit.id"))
    step_number: Mapped[int] = mapped_column(Integer)
    queued_at: Mapped[datetime] = mapped_column(UTCDateTime)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    started_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    ended_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    outcome: Mapped[str | None] = mapped_column(String(32))
    note: Mapped[str | None] = mapped_column(Text)

    visit: Mapped[Visit] = relationship(back_populates="steps")


class StepTimeCorrection(Base):
    """A corrected step time, kept with its reason; the step row holds the corrected value."""

    __tablename__ = "step_time_correction"

    id: Mapped[int] = mapped_column(primary_key=True)
    visit_step_id: Mapped[int] = mapped_column(ForeignKey("visit_step.id"))
    field_name: Mapped[str] = mapped_column(String(16))
    old_value: Mapped[datetime | None] = mapped_column(UTCDateTime)
    new_value: Mapped[datetime] = mapped_column(UTCDateTime)
    reason: Mapped[str] = mapped_column(Text)
    corrected_by_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id"))
    corrected_at: Mapped[datetime] = mapped_column(UTCDateTime)


class DataRequest(Base):
    """What the visitor asked for (step 4) and whether BPS had it (step 7)."""

    __tablename__ = "data_request"
    __table_args__ = (Index("ix_data_request_visit_id", "visit_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("visit.id"))
    position: Mapped[int] = mapped_column(Integer)
    description: Mapped[str] = mapped_column(Text)
    available: Mapped[bool | None] = mapped_column(Boolean)
    answer_note: Mapped[str | None] = mapped_column(Text)
    referred_agency: Mapped[str | None] = mapped_column(String(200))
    """The agency's name as it was when the visitor was referred (kept if renamed later)."""
    referred_agency_id: Mapped[int | None] = mapped_column(ForeignKey("agency.id"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    visit: Mapped[Visit] = relationship(back_populates="requests")
    publications: Mapped[list[Publication]] = relationship(
        secondary="data_request_publication", order_by="Publication.id"
    )


class Publication(Base):
    """A catalog entry of the PST library.

    ``search_*`` hold the folded and stemmed text (``db.search_text.index_text``) that
    the full-text index reads: SQLite FTS5 table ``publication_fts``, PostgreSQL generated
    column ``search_vector`` (both created by the migration, outside this model).
    """

    __tablename__ = "publication"
    __table_args__ = (
        UniqueConstraint("office_id", "catalog_number"),
        CheckConstraint("hardcopy_stock >= 0", name="stock_not_negative"),
        Index("ix_publication_office_year", "office_id", "year"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    office_id: Mapped[int] = mapped_column(ForeignKey("office.id"))
    catalog_number: Mapped[str] = mapped_column(String(40))
    title: Mapped[str] = mapped_column(String(500))
    year: Mapped[int] = mapped_column(Integer)
    subject: Mapped[str] = mapped_column(String(32))
    region: Mapped[str | None] = mapped_column(String(200))
    isbn: Mapped[str | None] = mapped_column(String(20))
    issn: Mapped[str | None] = mapped_column(String(20))
    has_hardcopy: Mapped[bool] = mapped_column(Boolean, default=False)
    hardcopy_stock: Mapped[int] = mapped_column(Integer, default=0)
    shelf_location: Mapped[str | None] = mapped_column(String(64))
    has_softcopy: Mapped[bool] = mapped_column(Boolean, default=False)
    notes: Mapped[str | None] = mapped_column(Text)
    is_sample: Mapped[bool] = mapped_column(Boolean, default=False)
    retired_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    search_title: Mapped[str] = mapped_column(Text, default="")
    search_subject: Mapped[str] = mapped_column(Text, default="")
    search_notes: Mapped[str] = mapped_column(Text, default="")


class DataRequestPublication(Base):
    """The publication(s) that answered a data request."""

    __tablename__ = "data_request_publication"

    data_request_id: Mapped[int] = mapped_column(ForeignKey("data_request.id"), primary_key=True)
    publication_id: Mapped[int] = mapped_column(ForeignKey("publication.id"), primary_key=True)


class Agency(Base):
    """Another office a visitor may be referred to, with the topics whose data it holds."""

    __tablename__ = "agency"
    __table_args__ = (UniqueConstraint("office_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    office_id: Mapped[int] = mapped_column(ForeignKey("office.id"))
    name: Mapped[str] = mapped_column(String(200))
    topics: Mapped[str] = mapped_column(Text)
    """Topics it holds data on, separated by semicolons."""
    address: Mapped[str | None] = mapped_column(Text)
    phone: Mapped[str | None] = mapped_column(String(40))
    email: Mapped[str | None] = mapped_column(String(254))
    website: Mapped[str | None] = mapped_column(String(200))
    notes: Mapped[str | None] = mapped_column(Text)
    is_sample: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    search_topics: Mapped[str] = mapped_column(Text, default="")


class AuditEvent(Base):
    __tablename__ = "audit_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    action: Mapped[str] = mapped_column(String(64))
    table_name: Mapped[str] = mapped_column(String(64))
    row_id: Mapped[int | None] = mapped_column(Integer)
    before: Mapped[str | None] = mapped_column(Text)
    after: Mapped[str | None] = mapped_column(Text)


PAYMENT_METHODS = ("cash", "transfer", "qris", "simponi")


class Tariff(Base):
    """The PNBP price of one kind of item, valid over a span of days (amounts are
    configuration entered by the admin, never code)."""

    __tablename__ = "tariff"
    __table_args__ = (
        CheckConstraint("amount >= 0", name="amount_not_negative"),
        Index("ix_tariff_office_kind", "office_id", "item_kind", "valid_from"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    office_id: Mapped[int] = mapped_column(ForeignKey("office.id"))
    item_kind: Mapped[str] = mapped_column(String(32))
    label: Mapped[str] = mapped_column(String(200))
    unit: Mapped[str] = mapped_column(String(32))
    amount: Mapped[int] = mapped_column(Integer)
    valid_from: Mapped[date] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)
    is_sample: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class ReceiptCounter(Base):
    """The last receipt number given per office and year. Taking the next number updates
    this row inside the sale's own transaction, so a failed sale gives its number back and
    numbers stay gapless even with several treasurers at once."""

    __tablename__ = "receipt_counter"

    office_id: Mapped[int] = mapped_column(ForeignKey("office.id"), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    last_number: Mapped[int] = mapped_column(Integer, default=0)


class Deposit(Base):
    """A deposit (*setoran*) of PNBP to the state treasury, covering chosen sales."""

    __tablename__ = "deposit"
    __table_args__ = (CheckConstraint("amount > 0", name="amount_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    office_id: Mapped[int] = mapped_column(ForeignKey("office.id"))
    deposited_on: Mapped[date] = mapped_column(Date)
    amount: Mapped[int] = mapped_column(Integer)
    billing_code: Mapped[str] = mapped_column(String(15))
    ntpn: Mapped[str] = mapped_column(String(16))
    note: Mapped[str | None] = mapped_column(Text)
    treasurer_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Sale(Base):
    """A PNBP transaction with its receipt (*kuitansi*). Never deleted: a void keeps the
    number, the reason, who and when."""

    __tablename__ = "sale"
    __table_args__ = (
        UniqueConstraint("office_id", "receipt_year", "receipt_sequence"),
        CheckConstraint("total >= 0", name="total_not_negative"),
        Index("ix_sale_office_paid_at", "office_id", "paid_at"),
        Index("ix_sale_visit_id", "visit_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    office_id: Mapped[int] = mapped_column(ForeignKey("office.id"))
    visit_id: Mapped[int | None] = mapped_column(ForeignKey("visit.id"))
    receipt_year: Mapped[int] = mapped_column(Integer)
    receipt_sequence: Mapped[int | None] = mapped_column(Integer)
    """The gapless number within the year; None for a sale imported from old books, which
    keeps the number written there in ``receipt_number``."""
    receipt_number: Mapped[str] = mapped_column(String(40), unique=True)
    imported: Mapped[bool] = mapped_column(Boolean, default=False)
    payer_name: Mapped[str] = mapped_column(String(200))
    payer_institution: Mapped[str | None] = mapped_column(String(200))
    payment_method: Mapped[str] = mapped_column(String(16))
    payment_reference: Mapped[str | None] = mapped_column(String(64))
    total: Mapped[int] = mapped_column(Integer)
    zero_rupiah_reason: Mapped[str | None] = mapped_column(String(64))
    zero_rupiah_letter: Mapped[str | None] = mapped_column(String(100))
    treasurer_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    """Who recorded the sale; None only on a sale imported from old books."""
    paid_at: Mapped[datetime] = mapped_column(UTCDateTime)
    voided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    void_reason: Mapped[str | None] = mapped_column(Text)
    voided_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    deposit_id: Mapped[int | None] = mapped_column(ForeignKey("deposit.id"))
    print_count: Mapped[int] = mapped_column(Integer, default=0)

    items: Mapped[list[SaleItem]] = relationship(
        back_populates="sale", order_by="SaleItem.id", cascade="all, delete-orphan"
    )


class SaleItem(Base):
    __tablename__ = "sale_item"
    __table_args__ = (
        CheckConstraint("quantity > 0", name="quantity_positive"),
        CheckConstraint("unit_price >= 0", name="unit_price_not_negative"),
        Index("ix_sale_item_sale_id", "sale_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    sale_id: Mapped[int] = mapped_column(ForeignKey("sale.id"))
    tariff_id: Mapped[int | None] = mapped_column(ForeignKey("tariff.id"))
    """None only on a sale imported from old books."""
    publication_id: Mapped[int | None] = mapped_column(ForeignKey("publication.id"))
    item_kind: Mapped[str] = mapped_column(String(32))
    description: Mapped[str] = mapped_column(String(500))
    quantity: Mapped[int] = mapped_column(Integer)
    unit_price: Mapped[int] = mapped_column(Integer)
    amount: Mapped[int] = mapped_column(Integer)

    sale: Mapped[Sale] = relationship(back_populates="items")


class AppSetting(Base):
    """Facts about the database itself, e.g. ``demo = true`` for a demo database (demo users
    may only exist there)."""

    __tablename__ = "app_setting"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class OfficeChange(Base):
    """The office's change marker. Every transaction that writes rows of the office raises
    ``version`` by one before it commits (``db.change_marker``), so a live screen learns in
    one primary-key read whether anything changed since its last poll. It lives in the
    database: every worker and host sees the same marker."""

    __tablename__ = "office_change"

    office_id: Mapped[int] = mapped_column(
        ForeignKey("office.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    version: Mapped[int] = mapped_column(BigInteger)
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime)


class LiveSnapshot(Base):
    """The wall screen's figures of one office and day as of one change marker version
    (JSON), computed once and shared by every screen and every worker; rows of older
    versions are removed when a newer one is stored."""

    __tablename__ = "live_snapshot"

    office_id: Mapped[int] = mapped_column(
        ForeignKey("office.id", ondelete="CASCADE"), primary_key=True
    )
    version: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    body: Mapped[str] = mapped_column(Text)
    computed_at: Mapped[datetime] = mapped_column(UTCDateTime)


class KioskLink(Base):
    """A link that signs a wall screen in with the monitor's read-only view. Only a hash of
    its random token is kept (the token itself is shown once, when the link is made); a
    revoked link stops working on the screen's next request."""

    __tablename__ = "kiosk_link"
    __table_args__ = (Index("ix_kiosk_link_office_id", "office_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    office_id: Mapped[int] = mapped_column(ForeignKey("office.id"))
    label: Mapped[str] = mapped_column(String(100))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


# -- rollups of step times, kept exact by every write (db.rollups) ---------------------------

STEP_DURATION = 1
"""``measure`` of a step's own time: ``ended_at - started_at`` of an ended step."""
STEP_WAIT = 2
"""``measure`` of the wait before a step: ``started_at - queued_at`` of a started step."""
VISIT_SERVICE = 3
"""``measure`` of a done visit's service time (first start → last end), ``step_number`` 0."""


class StepTimeDay(Base):
    """How many times of one kind (``measure``) lasted exactly ``seconds`` on one visit day of
    one office, per SOP step: the exact distribution, from which medians and p90 are read."""

    __tablename__ = "step_time_day"

    office_id: Mapped[int] = mapped_column(
        ForeignKey("office.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    visit_date: Mapped[date] = mapped_column(Date, primary_key=True)
    measure: Mapped[int] = mapped_column(SmallInteger, primary_key=True, autoincrement=False)
    step_number: Mapped[int] = mapped_column(SmallInteger, primary_key=True, autoincrement=False)
    seconds: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    count: Mapped[int] = mapped_column(Integer)


class StepTimeMonth(Base):
    """``StepTimeDay`` added up over a calendar month (``month``: its first day), so that a
    long period reads a month's distribution in one row per distinct time."""

    __tablename__ = "step_time_month"
    __table_args__ = (
        # PostgreSQL: the key with the count, so that reading a minute's seconds over many
        # offices and months is an index-only scan (SQLite reads its rows cheaply as it is).
        Index(
            "ix_step_time_month_with_count",
            "office_id",
            "month",
            "measure",
            "step_number",
            "seconds",
            postgresql_include=["count"],
        ).ddl_if(dialect="postgresql"),
    )

    office_id: Mapped[int] = mapped_column(
        ForeignKey("office.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    month: Mapped[date] = mapped_column(Date, primary_key=True)
    measure: Mapped[int] = mapped_column(SmallInteger, primary_key=True, autoincrement=False)
    step_number: Mapped[int] = mapped_column(SmallInteger, primary_key=True, autoincrement=False)
    seconds: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    count: Mapped[int] = mapped_column(Integer)


class StepMinutesDay(Base):
    """``StepTimeDay`` by whole minute (``minute``: the floor of ``seconds`` / 60): a coarse
    distribution, read first to find the minute that holds a rank; the exact seconds are then
    read for that minute only."""

    __tablename__ = "step_minutes_day"

    office_id: Mapped[int] = mapped_column(
        ForeignKey("office.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    visit_date: Mapped[date] = mapped_column(Date, primary_key=True)
    measure: Mapped[int] = mapped_column(SmallInteger, primary_key=True, autoincrement=False)
    step_number: Mapped[int] = mapped_column(SmallInteger, primary_key=True, autoincrement=False)
    minute: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    count: Mapped[int] = mapped_column(Integer)


class StepMinutesMonth(Base):
    """``StepMinutesDay`` added up over a calendar month (``month``: its first day)."""

    __tablename__ = "step_minutes_month"

    office_id: Mapped[int] = mapped_column(
        ForeignKey("office.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    month: Mapped[date] = mapped_column(Date, primary_key=True)
    measure: Mapped[int] = mapped_column(SmallInteger, primary_key=True, autoincrement=False)
    step_number: Mapped[int] = mapped_column(SmallInteger, primary_key=True, autoincrement=False)
    minute: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    count: Mapped[int] = mapped_column(Integer)


class StepDay(Base):
    """One SOP step on one visit day of one office: ended steps, open ones (no start or no
    end), those not started, and against the target in force that day: ended steps that had
    one, those meeting it, the seconds beyond it. Additive over days and offices."""

    __tablename__ = "step_day"

    office_id: Mapped[int] = mapped_column(
        ForeignKey("office.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    visit_date: Mapped[date] = mapped_column(Date, primary_key=True)
    step_number: Mapped[int] = mapped_column(SmallInteger, primary_key=True, autoincrement=False)
    ended: Mapped[int] = mapped_column(Integer)
    open: Mapped[int] = mapped_column(Integer)
    not_started: Mapped[int] = mapped_column(Integer)
    with_target: Mapped[int] = mapped_column(Integer)
    meeting: Mapped[int] = mapped_column(Integer)
    missed_seconds: Mapped[int] = mapped_column(BigInteger)


class CorrectionDay(Base):
    """Time corrections of one office's visit day (a step belongs to its visit's day), per SOP
    step and per officer who recorded the corrected time (``db.queries.metrics_corrections``
    says who): how many corrections, and how many distinct steps they touched."""

    __tablename__ = "correction_day"

    office_id: Mapped[int] = mapped_column(
        ForeignKey("office.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    visit_date: Mapped[date] = mapped_column(Date, primary_key=True)
    step_number: Mapped[int] = mapped_column(SmallInteger, primary_key=True, autoincrement=False)
    officer_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    corrections: Mapped[int] = mapped_column(Integer)
    steps_corrected: Mapped[int] = mapped_column(Integer)


# -- rollups of visits, kept exact by every write (db.rollups) ------------------------------------


class VisitDay(Base):
    """One office's visits of one visit day (DESIGN.md, "Daily visitors", "Referral rate"):
    admitted (imported included), refused at screening, and among the admitted the imported,
    the returning, those outside service hours; admitted visits with a referred and with a
    decided request, and those requests; every request of the day's visits. Pending screening
    is in none of the visit counts. A row per office and day that had any visit."""

    __tablename__ = "visit_day"

    office_id: Mapped[int] = mapped_column(
        ForeignKey("office.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    visit_date: Mapped[date] = mapped_column(Date, primary_key=True)
    admitted: Mapped[int] = mapped_column(Integer)
    refused: Mapped[int] = mapped_column(Integer)
    imported: Mapped[int] = mapped_column(Integer)
    returning_visits: Mapped[int] = mapped_column(Integer)
    outside_hours: Mapped[int] = mapped_column(Integer)
    visits_referred: Mapped[int] = mapped_column(Integer)
    visits_decided: Mapped[int] = mapped_column(Integer)
    requests_referred: Mapped[int] = mapped_column(Integer)
    requests_decided: Mapped[int] = mapped_column(Integer)
    requests: Mapped[int] = mapped_column(Integer)
    """Every data request of the day's visits, whatever their screening (the base of the
    unmet demand's shares)."""


class VisitHour(Base):
    """Arrivals of one office's visit day in one office-local hour: admitted and refused."""

    __tablename__ = "visit_hour"

    office_id: Mapped[int] = mapped_column(
        ForeignKey("office.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    visit_date: Mapped[date] = mapped_column(Date, primary_key=True)
    hour: Mapped[int] = mapped_column(SmallInteger, primary_key=True, autoincrement=False)
    admitted: Mapped[int] = mapped_column(Integer)
    refused: Mapped[int] = mapped_column(Integer)


class VisitDayCount(Base):
    """Admitted visits of one office's visit day counted by one ``dimension`` (a service type,
    a profile field, the age, an agency referred to, a publication asked for): the value as
    text (``value``; ``NO_VALUE``: not known, or an agency chosen from the directory) or as an
    id (``number``: the agency or the publication; ``NO_NUMBER``: none), the visits and the
    requests. (Empty values are stored as ``''`` and 0 so that they can be part of the key.)"""

    __tablename__ = "visit_day_count"

    office_id: Mapped[int] = mapped_column(
        ForeignKey("office.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    visit_date: Mapped[date] = mapped_column(Date, primary_key=True)
    dimension: Mapped[str] = mapped_column(String(32), primary_key=True)
    value: Mapped[str] = mapped_column(String(200), primary_key=True)
    number: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    visits: Mapped[int] = mapped_column(Integer)
    requests: Mapped[int] = mapped_column(Integer)


class VisitMonthCount(Base):
    """``VisitDayCount`` added up over a calendar month (``month``: its first day)."""

    __tablename__ = "visit_month_count"

    office_id: Mapped[int] = mapped_column(
        ForeignKey("office.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    month: Mapped[date] = mapped_column(Date, primary_key=True)
    dimension: Mapped[str] = mapped_column(String(32), primary_key=True)
    value: Mapped[str] = mapped_column(String(200), primary_key=True)
    number: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    visits: Mapped[int] = mapped_column(Integer)
    requests: Mapped[int] = mapped_column(Integer)


class ReferredRequest(Base):
    """A data request the library could not answer (``available`` false: the visitor was
    referred), with its visit's office and day copied beside it, so that a period's unmet
    demand reads these rows by office and day without joining every request to its visit."""

    __tablename__ = "referred_request"
    __table_args__ = (Index("ix_referred_request_office_day", "office_id", "visit_date"),)

    data_request_id: Mapped[int] = mapped_column(
        ForeignKey("data_request.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    office_id: Mapped[int] = mapped_column(ForeignKey("office.id", ondelete="CASCADE"))
    visit_date: Mapped[date] = mapped_column(Date)
    description: Mapped[str] = mapped_column(Text)
    referred_agency: Mapped[str | None] = mapped_column(String(200))


NO_VALUE = ""
NO_NUMBER = 0
"""How ``VisitDayCount`` and ``VisitMonthCount`` store a missing value or id."""
