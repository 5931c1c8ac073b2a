//! Legal calendar: deadline counting (days, months) and holiday lookup.
#![allow(missing_docs)]

use std::hint::black_box;

use chrono::{Days, NaiveDate};
use criterion::{criterion_group, criterion_main, Criterion};
use sportello::calendar::{national_holiday, Calendar, TermPolicy, View};
use sportello::chamber::{Chambers, ProvinceCode};

/// 1000 start dates spread over 2013-2040, deterministic.
fn starts() -> Vec<NaiveDate> {
    let base = NaiveDate::from_ymd_opt(2013, 1, 1).unwrap_or_default();
    (0..1000u64).map(|i| base.checked_add_days(Days::new(i * 7919 % 10_000)).unwrap_or(base)).collect()
}

fn calendar(c: &mut Criterion) {
    let dates = starts();
    let (Ok(mi), Ok(bg), Ok(lo)) = ("MI".parse::<ProvinceCode>(), "BG".parse(), "LO".parse()) else {
        return;
    };
    let Ok(milano) = Calendar::for_province(&mi) else { return };
    let saturday = milano.clone().with_policy(TermPolicy::SATURDAY_MOVES);

    c.bench_function("calendar/deadline 30 days x1000", |b| {
        b.iter(|| dates.iter().filter_map(|d| milano.deadline(black_box(*d), 30).ok()).count())
    });
    c.bench_function("calendar/deadline 30 days, Saturday moves x1000", |b| {
        b.iter(|| dates.iter().filter_map(|d| saturday.deadline(black_box(*d), 30).ok()).count())
    });
    c.bench_function("calendar/deadline 180 days x1000", |b| {
        b.iter(|| dates.iter().filter_map(|d| milano.deadline(black_box(*d), 180).ok()).count())
    });
    c.bench_function("calendar/deadline_months 3 x1000", |b| {
        b.iter(|| dates.iter().filter_map(|d| milano.deadline_months(black_box(*d), 3).ok()).count())
    });
    c.bench_function("calendar/national_holiday lookup x1000", |b| {
        b.iter(|| dates.iter().filter(|d| matches!(national_holiday(black_box(**d)), Ok(Some(_)))).count())
    });
    c.bench_function("calendar/is_office_closed x1000", |b| {
        b.iter(|| {
            dates.iter().filter(|d| milano.is_closed(black_box(**d), View::Office).unwrap_or(false)).count()
        })
    });
    c.bench_function("calendar/holidays(year) 2026", |b| b.iter(|| milano.holidays(black_box(2026))));
    c.bench_function("calendar/Calendar::for_province (parses embedded JSON)", |b| {
        b.iter(|| Calendar::for_province(black_box(&bg)))
    });
    c.bench_function("chamber/Chambers::embedded (parse + validate)", |b| b.iter(Chambers::embedded));
    if let Ok(table) = Chambers::embedded() {
        c.bench_function("chamber/for_province x1000", |b| {
            b.iter(|| dates.iter().filter(|d| table.for_province(&lo, black_box(**d)).is_ok()).count())
        });
    }
}

criterion_group!(benches, calendar);
criterion_main!(benches);
