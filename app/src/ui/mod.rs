//! View pieces every feature shares: waiting for data, error pages, paging, the page-size
//! choice and the site layout. Imports no feature module.
pub mod async_view;
pub mod error_page;
pub mod get_form;
pub mod hydration;
pub mod language_switch;
pub mod layout;
pub mod lazy_page;
pub mod page_size;
pub mod paging;
pub mod post_form;
