// Hand-written Kotlin conveniences go here; the generated bindings are in target/generated-sources/uniffi.
package it.sportello
