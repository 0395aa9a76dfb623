-- Bank working days as data (docs/operations.md, "Calendars"): the days that differ from an ordinary week, per
-- year, and whether the year's arrangement is the State Council's published one (PUBLISHED) or only the statutory
-- holiday dates known in advance (STATUTORY: no bridged days, no adjusted working weekends yet). An operator loads a
-- year with `jincai calendar import FILE`, which replaces that year's days whole.
CREATE TABLE bank_calendar_year (
    cal_year     INTEGER      NOT NULL PRIMARY KEY,
    arrangement  VARCHAR(16)  NOT NULL,
    source       VARCHAR(200) NOT NULL,
    loaded_at    TIMESTAMP    NOT NULL,
    loaded_by    VARCHAR(64)  NOT NULL
);

-- day_kind HOLIDAY: banks do not settle (a weekday off); WORKDAY: banks settle (an adjusted working weekend, 调休上班)
CREATE TABLE bank_calendar_day (
    cal_day   DATE         NOT NULL PRIMARY KEY,
    cal_year  INTEGER      NOT NULL,
    day_kind  VARCHAR(8)   NOT NULL,
    note      VARCHAR(200)
);

CREATE INDEX bank_calendar_day_year ON bank_calendar_day (cal_year);

-- 2026: the State Council notice of 2025-11-04, as published
INSERT INTO bank_calendar_year (cal_year, arrangement, source, loaded_at, loaded_by)
VALUES (2026, 'PUBLISHED', 'State Council notice of 2025-11-04', TIMESTAMP '2026-12-05 00:00:00', 'migration V13_1');
-- 2027: the statutory holiday dates only, until the State Council publishes the year's arrangement
INSERT INTO bank_calendar_year (cal_year, arrangement, source, loaded_at, loaded_by)
VALUES (2027, 'STATUTORY', 'statutory holiday dates (arrangement not yet published)', TIMESTAMP '2026-12-05 00:00:00',
        'migration V13_1');

INSERT INTO bank_calendar_day (cal_day, cal_year, day_kind, note) VALUES (DATE '2026-01-01', 2026, 'HOLIDAY', '元旦');
INSERT INTO bank_calendar_day (cal_day, cal_year, day_kind, note) VALUES (DATE '2026-01-02', 2026, 'HOLIDAY', '元旦');
INSERT INTO bank_calendar_day (cal_day, cal_year, day_kind, note) VALUES (DATE '2026-01-03', 2026, 'HOLIDAY', '元旦');
INSERT INTO bank_calendar_day (cal_day, cal_year, day_kind, note) VALUES (DATE '2026-01-04', 2026, 'WORKDAY', '元旦调休上班');
INSERT INTO bank_calendar_day (cal_day, cal_year, day_kind, note) VALUES (DATE '2026-02-14', 2026, 'WORKDAY', '春节调休上班');
INSERT INTO bank_calendar_day (cal_day, cal_year, day_kind, note) VALUES (DATE '2026-02-15', 2026, 'HOLIDAY', '春节');
INSERT INTO bank_calendar_day (cal_day, cal_year, day_kind, note) VALUES (DATE '2026-02-16', 2026, 'HOLIDAY', '春节');
INSERT INTO bank_calendar_day (cal_day, cal_year, day_kind, note) VALUES (DATE '2026-02-17', 2026, 'HOLIDAY', '春节');
INSERT INTO bank_calendar_day (cal_day, cal_year, day_kind, note) VALUES (DATE '2026-02-18', 2026, 'HOLIDAY', '春节');
INSERT INTO bank_calendar_day (cal_day, cal_year, day_kind, note) VALUES (DATE '2026-02-19', 2026, 'HOLIDAY', '春节');
INSERT INTO bank_calendar_day (cal_day, cal_year, day_kind, note) VALUES (DATE '2026-02-20', 2026, 'HOLIDAY', '春节');
INSERT INTO bank_calendar_day (cal_day, cal_year, day_kind, note) VALUES (DATE '2026-02-21', 2026, 'HOLIDAY', '春节');
INSERT INTO bank_calendar_day (cal_day, cal_year, day_kind, note) VALUES (DATE '2026-02-22', 2026, 'HOLIDAY', '春节');
INSERT INTO bank_calendar_day (cal_day, cal_year, day_kind, note) VALUES (DATE '2026-02-23', 2026, 'HOLIDAY', '春节');
INSERT INTO bank_calendar_day (cal_day, cal_year, day_kind, note) VALUES (DATE '2026-02-28', 2026, 'WORKDAY', '春节调休上班');
INSERT INTO bank_calendar_day (cal_day, cal_year, day_kind, note) VALUES (DATE '2026-04-04', 2026, 'HOLIDAY', '清明节');
INSERT INTO bank_calendar_day (cal_day, cal_year, day_kind, note) VALUES (DATE '2026-04-05', 2026, 'HOLIDAY', '清明节');
INSERT INTO bank_calendar_day (cal_day, cal_year, day_kind, note) VALUES (DATE '2026-04-06', 2026, 'HOLIDAY', '清明节');
INSERT INTO bank_calendar_day (cal_day, cal_year, day_kind, note) VALUES (DATE '2026-05-01', 2026, 'HOLIDAY', '劳动节');
INSERT INTO bank_calendar_day (cal_day, cal_year, day_kind, note) VALUES (DATE '2026-05-02', 2026, 'HOLIDAY', '劳动节');
INSERT INTO bank_calendar_day (cal_day, cal_year, day_kind, note) VALUES (DATE '2026-05-03', 2026, 'HOLIDAY', '劳动节');
INSERT INTO bank_calendar_day (cal_day, cal_year, day_kind, note) VALUES (DATE '2026-05-04', 2026, 'HOLIDAY', '劳动节');
INSERT INTO bank_calendar_day (cal_day, cal_year, day_kind, note) VALUES (DATE '2026-05-05', 2026, 'HOLIDAY', '劳动节');
INSERT INTO bank_calendar_day (cal_day, cal_year, day_kind, note) VALUES (DATE '2026-05-09', 2026, 'WORKDAY', '劳动节调休上班');
INSERT INTO bank_calendar_day (cal_day, cal_year, day_kind, note) VALUES (DATE '2026-06-19', 2026, 'HOLIDAY', '端午节');
INSERT INTO bank_calendar_day (cal_day, cal_year, day_kind, note) VALUES (DATE '2026-06-20', 2026, 'HOLIDAY', '端午节');
INSERT INTO bank_calendar_day (cal_day, cal_year, day_kind, note) VALUES (DATE '2026-06-21', 2026, 'HOLIDAY', '端午节');
INSERT INTO bank_calendar_day (cal_day, cal_year, day_kind, note) VALUES (DATE '2026-09-20', 2026, 'WORKDAY', '国庆节调休上班');
INSERT INTO bank_calendar_day (cal_day, cal_year, day_kind, note) VALUES (DATE '2026-09-25', 2026, 'HOLIDAY', '中秋节');
INSERT INTO bank_calendar_day (cal_day, cal_year, day_kind, note) VALUES (DATE '2026-09-26', 2026, 'HOLIDAY', '中秋节');
INSERT INTO bank_calendar_day (cal_day, cal_year, day_kind, note) VALUES (DATE '2026-09-27', 2026, 'HOLIDAY', '中秋节');
INSERT INTO bank_calendar_day (cal_day, cal_year, day_kind, note) VALUES (DATE '2026-10-01', 2026, 'HOLIDAY', '国庆节');
INSERT INTO bank_calendar_day (cal_day, cal_year, day_kind, note) VALUES (DATE '2026-10-02', 2026, 'HOLIDAY', '国庆节');
INSERT INTO bank_calendar_day (cal_day, cal_year, day_kind, note) VALUES (DATE '2026-10-03', 2026, 'HOLIDAY', '国庆节');
INSERT INTO bank_calendar_day (cal_day, cal_year, day_kind, note) VALUES (DATE '2026-10-04', 2026, 'HOLIDAY', '国庆节');
INSERT INTO bank_calendar_day (cal_day, cal_year, day_kind, note) VALUES (DATE '2026-10-05', 2026, 'HOLIDAY', '国庆节');
INSERT INTO bank_calendar_day (cal_day, cal_year, day_kind, note) VALUES (DATE '2026-10-06', 2026, 'HOLIDAY', '国庆节');
INSERT INTO bank_calendar_day (cal_day, cal_year, day_kind, note) VALUES (DATE '2026-10-07', 2026, 'HOLIDAY', '国庆节');
INSERT INTO bank_calendar_day (cal_day, cal_year, day_kind, note) VALUES (DATE '2026-10-10', 2026, 'WORKDAY', '国庆节调休上班');
INSERT INTO bank_calendar_day (cal_day, cal_year, day_kind, note) VALUES (DATE '2027-01-01', 2027, 'HOLIDAY', '元旦（法定）');
INSERT INTO bank_calendar_day (cal_day, cal_year, day_kind, note) VALUES (DATE '2027-02-05', 2027, 'HOLIDAY', '春节（法定，除夕）');
INSERT INTO bank_calendar_day (cal_day, cal_year, day_kind, note) VALUES (DATE '2027-02-06', 2027, 'HOLIDAY', '春节（法定）');
INSERT INTO bank_calendar_day (cal_day, cal_year, day_kind, note) VALUES (DATE '2027-02-07', 2027, 'HOLIDAY', '春节（法定）');
INSERT INTO bank_calendar_day (cal_day, cal_year, day_kind, note) VALUES (DATE '2027-02-08', 2027, 'HOLIDAY', '春节（法定）');
INSERT INTO bank_calendar_day (cal_day, cal_year, day_kind, note) VALUES (DATE '2027-04-05', 2027, 'HOLIDAY', '清明节（法定）');
INSERT INTO bank_calendar_day (cal_day, cal_year, day_kind, note) VALUES (DATE '2027-05-01', 2027, 'HOLIDAY', '劳动节（法定）');
INSERT INTO bank_calendar_day (cal_day, cal_year, day_kind, note) VALUES (DATE '2027-05-02', 2027, 'HOLIDAY', '劳动节（法定）');
INSERT INTO bank_calendar_day (cal_day, cal_year, day_kind, note) VALUES (DATE '2027-06-09', 2027, 'HOLIDAY', '端午节（法定）');
INSERT INTO bank_calendar_day (cal_day, cal_year, day_kind, note) VALUES (DATE '2027-09-15', 2027, 'HOLIDAY', '中秋节（法定）');
INSERT INTO bank_calendar_day (cal_day, cal_year, day_kind, note) VALUES (DATE '2027-10-01', 2027, 'HOLIDAY', '国庆节（法定）');
INSERT INTO bank_calendar_day (cal_day, cal_year, day_kind, note) VALUES (DATE '2027-10-02', 2027, 'HOLIDAY', '国庆节（法定）');
INSERT INTO bank_calendar_day (cal_day, cal_year, day_kind, note) VALUES (DATE '2027-10-03', 2027, 'HOLIDAY', '国庆节（法定）');
