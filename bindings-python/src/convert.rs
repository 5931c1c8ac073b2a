//! Conversions at the boundary: `decimal.Decimal` <-> [`Euro`]/`Decimal`, `datetime.date` <->
//! `NaiveDate`. Floats are refused for money; datetimes are refused for dates.

use chrono::NaiveDate;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDate, PyDateTime, PyFloat, PyInt, PyString};
use rust_decimal::Decimal;
use sportello::money::{Euro, MoneyError};

use crate::errors::{new_error, InvalidAmount, InvalidDate};

/// Raises a core money error as `InvalidAmount` with core's `rule`; `field` names the argument
/// (core's own field when it names one, such as `mode`).
pub fn money_error(py: Python<'_>, e: MoneyError, field: &str) -> PyErr {
    let field = if e.field() == "amount" { field } else { e.field() };
    new_error::<InvalidAmount>(py, format!("{field}: {e}"), |x| {
        x.setattr("field", field)?;
        x.setattr("rule", e.rule())
    })
}

/// Reads a decimal given as `decimal.Decimal`, `int` or a decimal string, under the one rule of
/// core for every amount ([`Euro::try_new`]: at most ±10^15, at most 10 decimals), whatever the
/// Python type; refuses floats and booleans, naming `field`.
pub fn decimal_arg(obj: &Bound<'_, PyAny>, field: &str) -> PyResult<Decimal> {
    euro_arg(obj, field).map(Euro::amount)
}

/// Reads an amount of euros (see [`decimal_arg`]).
pub fn euro_arg(obj: &Bound<'_, PyAny>, field: &str) -> PyResult<Euro> {
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
    let read = if obj.is_instance_of::<PyString>() || obj.is_instance_of::<PyInt>() {
        // An int's str() is its plain digits: the same text rule as a string.
        obj.str()?.to_string().parse::<Euro>()
    } else if obj.is_instance(&py.import("decimal")?.getattr("Decimal")?)? {
        if !obj.call_method0("is_finite")?.extract::<bool>()? {
            return Err(refuse("finite", format!("{field}: NaN and infinity are not amounts")));
        }
        match obj.extract::<Decimal>() {
            Ok(d) => Euro::try_new(d),
            // A finite decimal.Decimal that rust_decimal cannot hold is beyond the range.
            Err(_) => Err(MoneyError::OutOfRange { text: obj.str()?.to_string() }),
        }
    } else {
        return Err(refuse(
            "type",
            format!("{field}: expected decimal.Decimal, int or str, got {}", obj.get_type().name()?),
        ));
    };
    read.map_err(|e| money_error(py, e, field))
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
