//! The binary's allocator: mimalloc, asked for plain blocks where a plain block
//! is aligned enough.
//!
//! The `mimalloc` crate passes every request to mimalloc's aligned functions.
//! mimalloc 3 serves an aligned request from a plain block only when the block's
//! size is a power of two; any other size (a 24-byte string, a 3 KB page) takes
//! a slower path that over-allocates: 2% of a build's instructions. Like the
//! standard library's `System`, this asks for a plain block whenever its
//! alignment suffices: mimalloc aligns every block of 16 bytes or more to 16
//! bytes, and smaller ones to 8, so a request whose alignment is at most 16 and
//! at most its size is met by any block.

use libmimalloc_sys as mi;
use std::alloc::{GlobalAlloc, Layout};
use std::ffi::c_void;

/// What every plain block of at least this size is aligned to
/// (`MI_MAX_ALIGN_SIZE`).
const PLAIN_ALIGN: usize = 16;

pub struct MiMalloc;

fn plain(align: usize, size: usize) -> bool {
    align <= PLAIN_ALIGN && align <= size
}

// SAFETY: every block comes from mimalloc and goes back to it; a plain block is
// asked for only where `plain` says it is aligned enough (see the module's note).
unsafe impl GlobalAlloc for MiMalloc {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        unsafe {
            if plain(layout.align(), layout.size()) {
                mi::mi_malloc(layout.size()).cast()
            } else {
                mi::mi_malloc_aligned(layout.size(), layout.align()).cast()
            }
        }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        unsafe {
            if plain(layout.align(), layout.size()) {
                mi::mi_zalloc(layout.size()).cast()
            } else {
                mi::mi_zalloc_aligned(layout.size(), layout.align()).cast()
            }
        }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, _layout: Layout) {
        unsafe { mi::mi_free(ptr.cast::<c_void>()) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        unsafe {
            if plain(layout.align(), new_size) {
                mi::mi_realloc(ptr.cast::<c_void>(), new_size).cast()
            } else {
                mi::mi_realloc_aligned(ptr.cast::<c_void>(), new_size, layout.align()).cast()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The byte written at `i` of a block.
    fn mark(i: usize) -> u8 {
        (i % 251) as u8
    }

    /// Every size up to a few words and some larger ones, at every alignment up
    /// to 4 KB: each block is aligned, a zeroed one is zero, and a block keeps
    /// its bytes when it grows and when it shrinks.
    #[test]
    fn blocks_are_aligned_and_keep_their_bytes() {
        let a = MiMalloc;
        let sizes = (1..=130).chain([255, 256, 1000, 1024, 3000, 4096, 70_000, 1 << 20]);
        for size in sizes {
            for shift in 0..=12 {
                let align = 1usize << shift;
                let at = |p: *mut u8| (p as usize).is_multiple_of(align);
                let layout = Layout::from_size_align(size, align).unwrap();
                unsafe {
                    let p = a.alloc(layout);
                    assert!(!p.is_null() && at(p), "alloc {size} at {align}");
                    a.dealloc(p, layout);

                    let p = a.alloc_zeroed(layout);
                    assert!(!p.is_null() && at(p), "alloc_zeroed {size} at {align}");
                    let bytes = std::slice::from_raw_parts_mut(p, size);
                    assert!(bytes.iter().all(|&b| b == 0), "zeroed {size} at {align}");
                    bytes.iter_mut().enumerate().for_each(|(i, b)| *b = mark(i));

                    let grown = size * 3 + 5;
                    let p = a.realloc(p, layout, grown);
                    assert!(!p.is_null() && at(p), "grow {size} at {align}");
                    let bytes = std::slice::from_raw_parts(p, size);
                    assert!(bytes.iter().enumerate().all(|(i, &b)| b == mark(i)));

                    let shrunk = size / 2 + 1;
                    let grown_layout = Layout::from_size_align(grown, align).unwrap();
                    let p = a.realloc(p, grown_layout, shrunk);
                    assert!(!p.is_null() && at(p), "shrink {size} at {align}");
                    let bytes = std::slice::from_raw_parts(p, shrunk);
                    assert!(bytes.iter().enumerate().all(|(i, &b)| b == mark(i)));
                    a.dealloc(p, Layout::from_size_align(shrunk, align).unwrap());
                }
            }
        }
    }
}
