//! Ratings, aggregates and the publication report (being written).
