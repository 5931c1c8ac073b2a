//! Conversions at the boundary: `decimal.Decimal` <-> [`Euro`]/`Decimal`, `datetime.date` <->
//! `NaiveDate`. Floats are refused for money; datetimes are refused for dates.

use chrono::NaiveDate;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDate, PyDateTime, PyFloat, PyInt, PyString};
use rust_decimal::Decimal;
use sportello::money::Euro;

use crate::errors::{new_error, InvalidAmount, InvalidDate};

/// Reads an amount given as `decimal.Decimal`, `int` or a decimal string; refuses floats and
/// booleans, naming `field`.
pub fn decimal_arg(obj: &Bound<'_, PyAny>, field: &str) -> PyResult<Decimal> {
    let py = obj.py();
    let refuse = |rule: &str, msg: String| {
        new_error::<InvalidAmount>(py, msg, |e| {
            e.setattr("field", field)?;
            e.setattr("rule", rule)
        })
    };
    if obj.is_instance_of::<PyFloat>() {
        return Err(refuse(
            "not_float",
            format!("{field}: floats are not accepted for money; pass decimal.Decimal or a string"),
        ));
    }
    if obj.is_instance_of::<PyBool>() {
        return Err(refuse("not_bool", format!("{field}: a bool is not an amount")));
    }
    if obj.is_instance_of::<PyString>() {
        let s: String = obj.extract()?;
        return s.parse::<Euro>().map(Euro::amount).map_err(|e| refuse("decimal", format!("{field}: {e}")));
    }
    if obj.is_instance_of::<PyInt>() {
        let s = obj.str()?.to_string();
        return s
            .parse::<Decimal>()
            .map_err(|_| refuse("range", format!("{field}: integer {s} is out of range")));
    }
    let decimal_type = py.import("decimal")?.getattr("Decimal")?;
    if obj.is_instance(&decimal_type)? {
        if !obj.call_method0("is_finite")?.extract::<bool>()? {
            return Err(refuse("finite", format!("{field}: NaN and infinity are not amounts")));
        }
        return obj.extract::<Decimal>().map_err(|_| {
            refuse(
                "range",
                format!("{field}: {} is out of range", obj.str().map(|s| s.to_string()).unwrap_or_default()),
            )
        });
    }
    Err(refuse(
        "type",
        format!("{field}: expected decimal.Decimal, int or str, got {}", obj.get_type().name()?),
    ))
}

/// Reads an amount of euros (see [`decimal_arg`]).
pub fn euro_arg(obj: &Bound<'_, PyAny>, field: &str) -> PyResult<Euro> {
    decimal_arg(obj, field).map(Euro::new)
}

/// Reads a `datetime.date` (not a `datetime.datetime`), naming `field`.
pub fn date_arg(obj: &Bound<'_, PyAny>, field: &str) -> PyResult<NaiveDate> {
    let py = obj.py();
    if obj.is_instance_of::<PyDateTime>() || !obj.is_instance_of::<PyDate>() {
        return Err(new_error::<InvalidDate>(
            py,
            format!("{field}: expected datetime.date, got {}", obj.get_type().name()?),
            |e| {
                e.setattr("field", field)?;
                e.setattr("rule", "type")
            },
        ));
    }
    obj.extract::<NaiveDate>()
}
