"""Demo history: years of believable PST activity for a trainer, a newcomer or a head judging
the system (``python -m dashboard demo``, ``python app.py --demo``).

- ``patterns``: the calendar and seasonal patterns and the draws of times (pure);
- ``people``: visitors, institutions and what they ask for (pure);
- ``day_plan``: one office day simulated in time order: every officer action at its moment,
  with rack slots, reading tables, officers and the treasurer as shared resources (pure);
- ``generator``: replays the plans through the app's own services, one transaction per day
  (``--through-services``, the reference), and prepares each office for both writers;
- ``bulk``: the default path, writing the same plans as rows in batches (``db.bulk_writer``);
- ``checker``: the app's rules run over a whole database (reads in ``db.queries.demo_checker``);
- ``users``: the demo marker and the demo users;
- ``runner``: one run for the command line, and the demo database ``app.py --demo`` serves.
"""
