//! Integration tests: whole fixture sites built by the real binary, with
//! assertions on the emitted files, the diagnostics and the exit status.

mod authoring;
mod browser;
mod check;
mod commands;
mod docs;
mod errors;
mod guard;
mod hardening;
mod harness;
mod http;
mod isolation;
mod output;
mod pages;
mod preview;
mod publish;
mod recycle;
mod safety;
mod scripts;
mod serve;
