//! `/accounts/sessions`: every session the user is logged in on, with buttons to sign the
//! others out (beyond Django, which cannot list a user's sessions).
use super::api::{devices, Device, SignOutDevice, SignOutOthers};
use crate::{
    i18n::{page_title, t, tm},
    ui::async_view::AsyncView,
};
use leptos::prelude::*;
use leptos_meta::Title;

/// `/accounts/sessions`.
#[component]
pub fn DevicesPage() -> impl IntoView {
    // Signing other devices out changes only this list: the header's login stays.
    let sign_out_device = ServerAction::<SignOutDevice>::new();
    let sign_out_others = ServerAction::<SignOutOthers>::new();
    let list = Resource::new(
        move || (sign_out_device.version().get(), sign_out_others.version().get()),
        |_| devices(),
    );
    let ready = move |devices: Vec<Device>| {
        let others = devices.iter().filter(|d| !d.this_device).count();
        view! {
            <table class="devices" id="devices">
                <thead>
                    <tr>
                        <th>{t("accounts-devices-browser")}</th>
                        <th>{t("accounts-devices-address")}</th>
                        <th>{t("accounts-devices-logged-in")}</th>
                        <th>{t("accounts-devices-last-seen")}</th>
                        <th></th>
                    </tr>
                </thead>
                <tbody>
                    {devices.into_iter().map(|device| view! {
                        <tr class:this-device=device.this_device data-device=device.id>
                            <td>{tm(device.browser)}</td>
                            <td>{device.address}</td>
                            <td>{device.signed_in_at}</td>
                            <td>{device.last_seen}</td>
                            <td>
                                {if device.this_device {
                                    view! { <strong>{t("accounts-devices-this-device")}</strong> }.into_any()
                                } else {
                                    view! {
                                        <ActionForm action=sign_out_device>
                                            <input type="hidden" name="id" value=device.id/>
                                            <button type="submit" class="secondary">{t("accounts-devices-sign-out")}</button>
                                        </ActionForm>
                                    }.into_any()
                                }}
                            </td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            {(others > 0).then(|| view! {
                <ActionForm action=sign_out_others attr:class="sign-out-others">
                    <button type="submit" class="danger">{t("accounts-devices-sign-out-others")}</button>
                </ActionForm>
            })}
        }
    };
    view! {
        <Title text=page_title("accounts-devices-title")/>
        <h1>{t("accounts-devices-title")}</h1>
        <p class="lead">{t("accounts-devices-lead")}</p>
        <AsyncView resource=list loading="accounts-devices-loading" ready/>
    }
}
