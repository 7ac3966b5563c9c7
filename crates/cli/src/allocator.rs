//! The global allocator: mimalloc, asked for plain blocks when a layout's
//! alignment is one every mimalloc block already has.
//!
//! Extraction makes and frees many small strings and vectors per article.
//! mimalloc's aligned entry points check the free block's alignment on
//! every call; its plain ones do not need to, because every block of at
//! least `MIN_ALIGN` bytes is aligned to `MIN_ALIGN` and a smaller block to
//! its size class (the same guarantee the standard library's `System`
//! allocator relies on from C's `malloc`). Counted on the benchmark input,
//! that is about 25 instructions fewer per allocation (`BENCHMARKS.md`).
#![allow(unsafe_code)]

use std::alloc::{GlobalAlloc, Layout};
use std::ffi::c_void;

use libmimalloc_sys as mi;

/// The alignment every mimalloc block of at least this size has
/// (`MI_MAX_ALIGN_SIZE`, `alignof(max_align_t)` on 64-bit targets).
const MIN_ALIGN: usize = 16;

/// mimalloc behind the standard allocator interface.
pub struct Mimalloc;

/// Whether a plain mimalloc block of `size` bytes is aligned for `align`.
fn plain_will_do(align: usize, size: usize) -> bool {
    align <= MIN_ALIGN && align <= size
}

// SAFETY: every block comes from mimalloc and goes back to it through
// `mi_free`, which takes plain and aligned blocks alike; a plain block is
// asked for only when `plain_will_do` says its alignment suffices.
unsafe impl GlobalAlloc for Mimalloc {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let (size, align) = (layout.size(), layout.align());
        // SAFETY: mimalloc's allocation functions take any size; `align`
        // is a power of two, as `Layout` guarantees.
        unsafe {
            if plain_will_do(align, size) {
                mi::mi_malloc(size).cast()
            } else {
                mi::mi_malloc_aligned(size, align).cast()
            }
        }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let (size, align) = (layout.size(), layout.align());
        // SAFETY: as in `alloc`.
        unsafe {
            if plain_will_do(align, size) {
                mi::mi_zalloc(size).cast()
            } else {
                mi::mi_zalloc_aligned(size, align).cast()
            }
        }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, _layout: Layout) {
        // SAFETY: `ptr` came from this allocator, hence from mimalloc.
        unsafe { mi::mi_free(ptr.cast::<c_void>()) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let align = layout.align();
        // SAFETY: `ptr` came from mimalloc; a block grown or shrunk by
        // `mi_realloc` keeps the alignment of its new size's class.
        unsafe {
            if plain_will_do(align, new_size) {
                mi::mi_realloc(ptr.cast::<c_void>(), new_size).cast()
            } else {
                mi::mi_realloc_aligned(ptr.cast::<c_void>(), new_size, align).cast()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_have_the_alignment_their_layout_asks() {
        let a = Mimalloc;
        for size in [1usize, 3, 8, 12, 16, 24, 40, 100, 4096, 1 << 20] {
            for align in [1usize, 2, 4, 8, 16, 32, 64, 4096] {
                let layout = Layout::from_size_align(size, align).unwrap();
                // SAFETY: the layout has a non-zero size; each block is
                // freed with the layout it was made with.
                unsafe {
                    let p = a.alloc(layout);
                    assert!(!p.is_null());
                    assert_eq!(p as usize % align, 0, "size {size} align {align}");
                    let q = a.realloc(p, layout, size * 3);
                    assert_eq!(q as usize % align, 0, "grown: size {size} align {align}");
                    a.dealloc(q, Layout::from_size_align(size * 3, align).unwrap());
                    let z = a.alloc_zeroed(layout);
                    assert!(std::slice::from_raw_parts(z, size).iter().all(|&b| b == 0));
                    a.dealloc(z, layout);
                }
            }
        }
    }
}
