//! (issue 27: being written)
