//! Integration tests: whole fixture sites built by the real binary, with
//! assertions on the emitted files, the diagnostics and the exit status.

mod browser;
mod check;
mod commands;
mod counts;
mod docs;
mod errors;
mod exit_status;
mod guard;
mod hardening;
mod harness;
mod http;
mod one_finding;
mod output;
mod pages;
mod preview;
mod recycle;
mod safety;
mod scripts;
mod serve;
mod yaml_help;
