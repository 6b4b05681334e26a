//! Integration tests: whole fixture sites built by the real binary, with
//! assertions on the emitted files, the diagnostics and the exit status.

mod anchors;
mod assets;
mod authoring;
mod browser;
mod cards;
mod check;
mod commands;
mod completeness;
mod counts;
mod docs;
mod errors;
mod exit_status;
mod guard;
mod hardening;
mod harness;
mod http;
mod isolation;
mod one_finding;
mod output;
mod pages;
mod preview;
mod publish;
mod reach;
mod recycle;
mod safety;
mod scripts;
mod serve;
mod structure;
mod theme;
mod timing;
mod xliff;
mod yaml_help;
