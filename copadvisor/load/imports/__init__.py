"""``copadvisor import``: what conveners already keep (calendars, registers, survey exports) → events appended to
a profile's ``events.yaml`` (SPEC §3.4). One module per source, on the load side of the pipeline; the shared
appender is ``append.py``. Nothing identifying is ever read into an event: names, emails, ids, times of
response and free-text answers stay in the source file.
"""
