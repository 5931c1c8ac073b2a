//! Python surface of `sportello::allocation`: plans, `allocate`, allocations and statements.

use std::collections::BTreeMap;

use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use rust_decimal::Decimal;
use serde_json::{Map, Value};
use sportello::allocation as core;
use sportello::chamber::ChamberCode;

use crate::convert::{decimal_arg, euro_arg};
use crate::errors::{new_error, SportelloError};

pyo3::create_exception!(
    sportello,
    AllocationError,
    SportelloError,
    "An allocation plan that breaks a rule, or a lookup of an unknown pool or chamber (`rule`, `field`)."
);
pyo3::create_exception!(
    sportello,
    AllocationInfeasible,
    AllocationError,
    "The bands cannot cover a pool: `pool`, `amount`, `minimums`, `maximums` (None when unbounded)."
);

pub(crate) fn to_py(py: Python<'_>, e: core::AllocationError) -> PyErr {
    let rule = e.rule();
    let field = e.field();
    if let core::AllocationError::Infeasible { pool, amount, minimums, maximums } = &e {
        let (pool, amount, minimums, maximums) =
            (pool.clone(), amount.amount(), minimums.amount(), maximums.map(|m| m.amount()));
        return new_error::<AllocationInfeasible>(py, e.to_string(), |x| {
            x.setattr("rule", rule)?;
            x.setattr("field", field)?;
            x.setattr("pool", pool)?;
            x.setattr("amount", amount)?;
            x.setattr("minimums", minimums)?;
            x.setattr("maximums", maximums)
        });
    }
    new_error::<AllocationError>(py, e.to_string(), |x| {
        x.setattr("rule", rule)?;
        x.setattr("field", field)
    })
}

fn shape_error(py: Python<'_>, path: &str, message: String) -> PyErr {
    new_error::<AllocationError>(py, format!("{path}: {message}"), |x| {
        x.setattr("rule", "malformed")?;
        x.setattr("field", path.to_string())
    })
}

/// Python data (dict, list, str, int, Decimal, None) as a JSON value; floats are refused.
fn json_value(obj: &Bound<'_, PyAny>, path: &str) -> PyResult<Value> {
    let py = obj.py();
    if obj.is_none() {
        return Ok(Value::Null);
    }
    if obj.is_instance_of::<PyBool>() {
        return Ok(Value::Bool(obj.extract()?));
    }
    if obj.is_instance_of::<PyInt>() {
        if let Ok(v) = obj.extract::<i64>() {
            return Ok(Value::from(v));
        }
        return obj
            .extract::<u64>()
            .map(Value::from)
            .map_err(|_| shape_error(py, path, "integer out of range".into()));
    }
    if obj.is_instance_of::<PyFloat>() {
        return Err(shape_error(py, path, "floats are not accepted; use decimal.Decimal, int or str".into()));
    }
    if obj.is_instance_of::<PyString>() {
        return Ok(Value::String(obj.extract()?));
    }
    if let Ok(d) = obj.cast::<PyDict>() {
        let mut map = Map::new();
        for (k, v) in d.iter() {
            let key: String =
                k.extract().map_err(|_| shape_error(py, path, "dictionary keys must be str".into()))?;
            let value = json_value(&v, &format!("{path}.{key}"))?;
            map.insert(key, value);
        }
        return Ok(Value::Object(map));
    }
    if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
        let mut items = Vec::new();
        for (i, v) in obj.try_iter()?.enumerate() {
            items.push(json_value(&v?, &format!("{path}[{i}]"))?);
        }
        return Ok(Value::Array(items));
    }
    decimal_arg(obj, path).map(|d| Value::String(d.to_string()))
}

fn chamber_arg(py: Python<'_>, text: &str) -> PyResult<ChamberCode> {
    text.parse().map_err(|e: sportello::chamber::ChamberCodeError| {
        new_error::<AllocationError>(py, e.to_string(), |x| {
            x.setattr("rule", e.rule())?;
            x.setattr("field", "chamber")
        })
    })
}

/// A validated cost-allocation plan for one year.
///
/// Build it with ``AllocationPlan.from_dict(d)`` or ``AllocationPlan.from_json(text)``; the shipped
/// 2014 Lombardy plan is ``AllocationPlan.lombardy_2014()``.
#[pyclass(module = "sportello", frozen)]
pub struct AllocationPlan {
    inner: core::AllocationPlan,
}

#[pymethods]
impl AllocationPlan {
    /// Reads a plan from a dict (amounts as Decimal, int or str; floats refused).
    #[staticmethod]
    fn from_dict(py: Python<'_>, d: &Bound<'_, PyAny>) -> PyResult<Self> {
        let value = json_value(d, "plan")?;
        let inner = core::AllocationPlan::from_json(&value.to_string()).map_err(|e| to_py(py, e))?;
        Ok(AllocationPlan { inner })
    }

    /// Reads a plan from its JSON document.
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &str) -> PyResult<Self> {
        core::AllocationPlan::from_json(text).map(|inner| AllocationPlan { inner }).map_err(|e| to_py(py, e))
    }

    /// The 2014 running-cost plan of the Lombardy counter, with the chambers whose business
    /// counts are sourced.
    #[staticmethod]
    fn lombardy_2014(py: Python<'_>) -> PyResult<Self> {
        core::lombardy_2014().map(|inner| AllocationPlan { inner }).map_err(|e| to_py(py, e))
    }

    /// The same plan with a sponsor covering what the bands cannot (up to ``cap``).
    #[pyo3(signature = (name, cap = None))]
    fn with_sponsor(&self, py: Python<'_>, name: String, cap: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        let cap = cap.map(|c| euro_arg(c, "cap")).transpose()?;
        self.inner
            .clone()
            .with_sponsor(Some(core::Sponsor { name, cap }))
            .map(|inner| AllocationPlan { inner })
            .map_err(|e| to_py(py, e))
    }

    /// The year of the plan.
    #[getter]
    fn year(&self) -> i32 {
        self.inner.year()
    }

    /// The participating chambers, in the plan's order.
    #[getter]
    fn chambers(&self) -> Vec<String> {
        self.inner.participants().iter().map(|p| p.chamber.to_string()).collect()
    }

    /// The pool names, in the plan's order.
    #[getter]
    fn pools(&self) -> Vec<String> {
        self.inner.pools().iter().map(|p| p.name.clone()).collect()
    }

    /// Chambers left out of the plan and why.
    #[getter]
    fn excluded(&self) -> Vec<(String, String)> {
        self.inner.excluded().iter().map(|e| (e.chamber.to_string(), e.reason.clone())).collect()
    }

    /// The plan as a JSON document.
    fn to_json(&self) -> String {
        self.inner.to_json()
    }

    fn __repr__(&self) -> String {
        format!(
            "AllocationPlan(year={}, chambers={}, pools={:?})",
            self.inner.year(),
            self.inner.participants().len(),
            self.pools()
        )
    }
}

/// One chamber's part of one pool.
#[pyclass(module = "sportello", frozen, get_all)]
pub struct AllocationLine {
    /// The chamber code.
    chamber: String,
    /// Its driver value.
    driver_value: u64,
    /// Its share of the pool's driver total (6 decimals).
    driver_share: Decimal,
    /// The band minimum, if the pool has bands.
    band_min: Option<Decimal>,
    /// The band maximum, if the pool has bands.
    band_max: Option<Decimal>,
    /// The exact share before rounding, to 6 decimals.
    unrounded: Decimal,
    /// ``"min"``, ``"max"`` or None.
    clamped: Option<String>,
    /// What the chamber pays.
    amount: Decimal,
}

#[pymethods]
impl AllocationLine {
    fn __repr__(&self) -> String {
        format!(
            "AllocationLine(chamber={:?}, amount=Decimal('{}'), clamped={:?})",
            self.chamber, self.amount, self.clamped
        )
    }
}

fn line(l: &core::AllocationLine) -> AllocationLine {
    AllocationLine {
        chamber: l.chamber.to_string(),
        driver_value: l.driver_value,
        driver_share: l.driver_share,
        band_min: l.band.map(|b| b.min.amount()),
        band_max: l.band.map(|b| b.max.amount()),
        unrounded: l.unrounded,
        clamped: l.clamped.map(|c| c.as_str().to_string()),
        amount: l.amount.amount(),
    }
}

/// One pool in a chamber's statement.
#[pyclass(module = "sportello", frozen, get_all)]
pub struct StatementLine {
    /// The pool.
    pool: String,
    /// Its driver (``businesses``, ``services``, ``consumption``, ``equal``).
    driver: String,
    /// The pool amount.
    pool_amount: Decimal,
    /// The chamber's driver value.
    driver_value: u64,
    /// The pool's driver total.
    driver_total: u64,
    /// The chamber's share of the driver total (6 decimals).
    driver_share: Decimal,
    /// The band minimum, if any.
    band_min: Option<Decimal>,
    /// The band maximum, if any.
    band_max: Option<Decimal>,
    /// The exact share, to 6 decimals.
    unrounded: Decimal,
    /// ``"min"``, ``"max"`` or None.
    clamped: Option<String>,
    /// What the chamber pays for this pool.
    amount: Decimal,
}

#[pymethods]
impl StatementLine {
    fn __repr__(&self) -> String {
        format!(
            "StatementLine(pool={:?}, amount=Decimal('{}'), clamped={:?})",
            self.pool, self.amount, self.clamped
        )
    }
}

/// What one chamber pays, pool by pool.
#[pyclass(module = "sportello", frozen)]
pub struct Statement {
    inner: core::Statement,
}

#[pymethods]
impl Statement {
    /// The chamber code.
    #[getter]
    fn chamber(&self) -> String {
        self.inner.chamber.to_string()
    }

    /// The year.
    #[getter]
    fn year(&self) -> i32 {
        self.inner.year
    }

    /// The chamber's total.
    #[getter]
    fn total(&self) -> Decimal {
        self.inner.total.amount()
    }

    /// One line per pool.
    #[getter]
    fn lines(&self) -> Vec<StatementLine> {
        self.inner
            .lines
            .iter()
            .map(|l| StatementLine {
                pool: l.pool.clone(),
                driver: l.driver.to_string(),
                pool_amount: l.pool_amount.amount(),
                driver_value: l.driver_value,
                driver_total: l.driver_total,
                driver_share: l.driver_share,
                band_min: l.band.map(|b| b.min.amount()),
                band_max: l.band.map(|b| b.max.amount()),
                unrounded: l.unrounded,
                clamped: l.clamped.map(|c| c.as_str().to_string()),
                amount: l.amount.amount(),
            })
            .collect()
    }

    /// The statement as a Markdown table.
    fn to_markdown(&self) -> String {
        self.inner.to_markdown()
    }

    /// The statement as JSON.
    fn to_json(&self) -> String {
        self.inner.to_json()
    }

    fn __repr__(&self) -> String {
        format!(
            "Statement(chamber={:?}, year={}, total=Decimal('{}'))",
            self.chamber(),
            self.inner.year,
            self.inner.total
        )
    }
}

/// Every pool of a plan shared among its chambers (the result of :func:`allocate`).
#[pyclass(module = "sportello", frozen)]
pub struct Allocation {
    inner: core::Allocation,
}

#[pymethods]
impl Allocation {
    /// The year.
    #[getter]
    fn year(&self) -> i32 {
        self.inner.year()
    }

    /// What a chamber pays for a pool.
    fn amount(&self, py: Python<'_>, pool: &str, chamber: &str) -> PyResult<Decimal> {
        let c = chamber_arg(py, chamber)?;
        self.inner.amount(pool, &c).map(|e| e.amount()).map_err(|e| to_py(py, e))
    }

    /// Each chamber's total over all pools.
    #[getter]
    fn by_chamber(&self) -> BTreeMap<String, Decimal> {
        self.inner.totals().iter().map(|t| (t.chamber.to_string(), t.amount.amount())).collect()
    }

    /// What the chambers pay together.
    #[getter]
    fn total(&self) -> Decimal {
        self.inner.total().amount()
    }

    /// The pool names.
    #[getter]
    fn pools(&self) -> Vec<String> {
        self.inner.pools().iter().map(|p| p.name.clone()).collect()
    }

    /// The lines of a pool, in the plan's order.
    fn lines(&self, py: Python<'_>, pool: &str) -> PyResult<Vec<AllocationLine>> {
        Ok(self.inner.pool(pool).map_err(|e| to_py(py, e))?.lines.iter().map(line).collect())
    }

    /// What the sponsor covers of a pool.
    fn sponsored(&self, py: Python<'_>, pool: &str) -> PyResult<Decimal> {
        Ok(self.inner.pool(pool).map_err(|e| to_py(py, e))?.sponsored.amount())
    }

    /// The sponsor's name, or None.
    #[getter]
    fn sponsor_name(&self) -> Option<String> {
        self.inner.sponsor().map(|s| s.name.clone())
    }

    /// What the sponsor covers over all pools, or None without a sponsor.
    #[getter]
    fn sponsor_amount(&self) -> Option<Decimal> {
        self.inner.sponsor().map(|s| s.amount.amount())
    }

    /// A chamber's statement.
    fn statement(&self, py: Python<'_>, chamber: &str) -> PyResult<Statement> {
        let c = chamber_arg(py, chamber)?;
        self.inner.statement(&c).map(|inner| Statement { inner }).map_err(|e| to_py(py, e))
    }

    /// One CSV row per pool and payer, with a header.
    fn to_csv(&self) -> String {
        self.inner.to_csv()
    }

    /// Markdown tables a board can read.
    fn to_markdown(&self) -> String {
        self.inner.to_markdown()
    }

    /// The allocation as JSON (amounts as strings).
    fn to_json(&self) -> String {
        self.inner.to_json()
    }

    fn __repr__(&self) -> String {
        format!(
            "Allocation(year={}, pools={:?}, total=Decimal('{}'))",
            self.inner.year(),
            self.pools(),
            self.inner.total()
        )
    }
}

/// Shares every pool of the plan; raises AllocationInfeasible when the bands cannot cover a pool.
#[pyfunction]
fn allocate(py: Python<'_>, plan: &AllocationPlan) -> PyResult<Allocation> {
    core::allocate(&plan.inner).map(|inner| Allocation { inner }).map_err(|e| to_py(py, e))
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("AllocationError", py.get_type::<AllocationError>())?;
    m.add("AllocationInfeasible", py.get_type::<AllocationInfeasible>())?;
    m.add_class::<AllocationPlan>()?;
    m.add_class::<Allocation>()?;
    m.add_class::<AllocationLine>()?;
    m.add_class::<Statement>()?;
    m.add_class::<StatementLine>()?;
    m.add_function(wrap_pyfunction!(allocate, m)?)?;
    Ok(())
}
