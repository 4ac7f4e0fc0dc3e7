//! Employees: NIP rules through the API, duplicates, supervisors, listing filters, updates,
//! deactivation, tenant isolation, roles and the audit trail.

use pembina_domain::accounts::Role;
use reqwest::{Method, Response};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::helpers::{TestApp, db_test, problem};

/// The `id` of an employee (or any object) as a UUID.
fn id(v: &Value) -> Uuid {
    v["id"].as_str().expect("id").parse().expect("uuid")
}

/// Asserts `status` and returns the JSON body, showing the body when the status is wrong.
async fn expect(res: Response, status: u16) -> Value {
    let got = res.status().as_u16();
    let text = res.text().await.expect("text");
    assert_eq!(got, status, "{text}");
    serde_json::from_str(&text).expect("json")
}

/// GET as `token`, expecting 200.
async fn get_ok(app: &TestApp, path: &str, token: &str) -> Value {
    expect(app.get(path, token).await, 200).await
}

/// `(field, code)` of every field problem in a problem document.
fn field_codes(problem: &Value) -> Vec<(String, String)> {
    problem["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .map(|e| {
            (
                e["field"].as_str().expect("field").to_owned(),
                e["code"].as_str().expect("code").to_owned(),
            )
        })
        .collect()
}

/// The `name`s of a list page's items, in order.
fn names(page: &Value) -> Vec<String> {
    page["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|e| e["name"].as_str().expect("name").to_owned())
        .collect()
}

/// The `id`s of a list's items, in order.
fn ids(list: &Value) -> Vec<Uuid> {
    list.as_array().expect("array").iter().map(id).collect()
}

db_test!(
    async fn creating_a_pns_employee_derives_birth_date_and_sex_from_the_nip(app) {
        let admin = app.agency_admin("1771").await;
        let agency = app.agency("1771").await;
        let unit = app.unit(&admin.token, None, None, "DINKES").await;
        let res = app
            .post(
                "/employees",
                Some(&admin.token),
                json!({"nip": "198507152010011003", "employment_type": "pns", "name": "Ahmad Fauzi", "title_prefix": "dr.", "title_suffix": "M.Kes.", "org_unit_id": unit}),
            )
            .await;
        let created = expect(res, 201).await;
        assert_eq!(created["nip"], "198507152010011003");
        assert_eq!(created["employment_type"], "pns");
        assert_eq!(created["birth_date"], "1985-07-15");
        assert_eq!(created["sex"], "male");
        assert_eq!(created["name"], "Ahmad Fauzi");
        assert_eq!(created["full_name"], "dr. Ahmad Fauzi, M.Kes.");
        assert_eq!(created["org_unit_id"], unit.to_string());
        assert_eq!(created["org_unit_name"], "Unit DINKES");
        assert_eq!(created["status"], "active");
        assert_eq!(created["agency_id"], agency.to_string());
        assert_eq!(created["supervisor_id"], Value::Null);
        assert_eq!(created["position_id"], Value::Null);

        let fetched = get_ok(&app, &format!("/employees/{}", id(&created)), &admin.token).await;
        assert_eq!(fetched, created);
    }
);

db_test!(
    async fn each_kind_of_invalid_nip_is_refused_with_its_own_code(app) {
        let admin = app.agency_admin("1771").await;
        let unit = app.unit(&admin.token, None, None, "DINKES").await;
        let cases = [
            ("19850715201001100", "nip_wrong_length"),
            ("1985071520100110031", "nip_wrong_length"),
            ("", "nip_wrong_length"),
            ("19850715201001100a", "nip_not_digits"),
            ("1985 0715201001100", "nip_not_digits"),
            ("198513152010011003", "nip_invalid_birth_date"),
            ("198502302010011003", "nip_invalid_birth_date"),
            ("198507152010001003", "nip_invalid_appointment_month"),
            ("198507152010131003", "nip_invalid_appointment_month"),
            ("198507152003061003", "nip_appointment_before_adulthood"),
            ("198507152010013003", "nip_invalid_sex"),
            ("198507152010010003", "nip_invalid_sex"),
            ("198507152010011000", "nip_zero_sequence"),
        ];
        for (nip, code) in cases {
            let res = app
                .post("/employees", Some(&admin.token), json!({"nip": nip, "employment_type": "pns", "name": "Ahmad Fauzi", "org_unit_id": unit}))
                .await;
            let body = problem(res, 422, "validation_failed").await;
            assert_eq!(field_codes(&body), [("nip".to_owned(), code.to_owned())], "{nip:?}: {body}");
        }
        let list = get_ok(&app, "/employees", &admin.token).await;
        assert_eq!(list["total"], 0, "no invalid NIP was stored");

        // Digits 13-14 are "21": no month, so refused for a PNS...
        let res = app
            .post("/employees", Some(&admin.token), json!({"nip": "199203102023212025", "employment_type": "pns", "name": "Siti Aminah", "org_unit_id": unit}))
            .await;
        let body = problem(res, 422, "validation_failed").await;
        assert_eq!(field_codes(&body), [("nip".to_owned(), "nip_invalid_appointment_month".to_owned())]);

        // ...but fine for the NI PPPK layout, whose birth date and sex are derived the same way.
        let res = app
            .post("/employees", Some(&admin.token), json!({"nip": "199203102023212025", "employment_type": "pppk", "name": "Siti Aminah", "org_unit_id": unit}))
            .await;
        let created = expect(res, 201).await;
        assert_eq!(created["employment_type"], "pppk");
        assert_eq!(created["birth_date"], "1992-03-10");
        assert_eq!(created["sex"], "female");
    }
);

db_test!(
    async fn a_given_birth_date_and_sex_must_agree_with_the_nip(app) {
        let admin = app.agency_admin("1771").await;
        let unit = app.unit(&admin.token, None, None, "DINKES").await;
        let res = app
            .post("/employees", Some(&admin.token), json!({"nip": "198507152010011003", "employment_type": "pns", "name": "Ahmad Fauzi", "org_unit_id": unit, "birth_date": "1985-07-16", "sex": "female"}))
            .await;
        let body = problem(res, 422, "validation_failed").await;
        let codes = field_codes(&body);
        assert!(codes.contains(&("birth_date".into(), "birth_date_mismatch".into())), "{body}");
        assert!(codes.contains(&("sex".into(), "sex_mismatch".into())), "{body}");
        assert_eq!(codes.len(), 2, "{body}");

        // Values that agree are accepted.
        let res = app
            .post("/employees", Some(&admin.token), json!({"nip": "198507152010011003", "employment_type": "pns", "name": "Ahmad Fauzi", "org_unit_id": unit, "birth_date": "1985-07-15", "sex": "male"}))
            .await;
        expect(res, 201).await;
    }
);

db_test!(
    async fn a_nip_already_registered_is_refused_even_in_another_agency_without_naming_it(app) {
        let a1771 = app.agency_admin("1771").await;
        let a1702 = app.agency_admin("1702").await;
        let unit1771 = app.unit(&a1771.token, None, None, "DINKES").await;
        let unit1702 = app.unit(&a1702.token, None, None, "DINKES").await;
        app.employee(&a1771.token, None, unit1771, "198507152010011003", "Ahmad Fauzi", None).await;

        let res = app
            .post("/employees", Some(&a1771.token), json!({"nip": "198507152010011003", "employment_type": "pns", "name": "Ahmad Lain", "org_unit_id": unit1771}))
            .await;
        let body = problem(res, 409, "duplicate_nip").await;
        assert_eq!(field_codes(&body), [("nip".to_owned(), "duplicate_nip".to_owned())]);

        // Surrounding spaces do not make it another number.
        let res = app
            .post("/employees", Some(&a1771.token), json!({"nip": " 198507152010011003 ", "employment_type": "pns", "name": "Ahmad Lain", "org_unit_id": unit1771}))
            .await;
        problem(res, 409, "duplicate_nip").await;

        let agency1771 = app.agency("1771").await;
        let agency = get_ok(&app, &format!("/agencies/{agency1771}"), &app.root).await;
        let agency_name = agency["name"].as_str().expect("agency name").to_owned();
        let res = app
            .post("/employees", Some(&a1702.token), json!({"nip": "198507152010011003", "employment_type": "pns", "name": "Ahmad Lain", "org_unit_id": unit1702}))
            .await;
        let body = problem(res, 409, "duplicate_nip").await;
        assert_eq!(field_codes(&body), [("nip".to_owned(), "duplicate_nip".to_owned())]);
        let text = body.to_string();
        assert!(!text.contains(&agency_name), "{text}");
        assert!(!text.contains("1771"), "{text}");
        assert!(!text.contains(&agency1771.to_string()), "{text}");

        // Changing another employee's NIP to a taken one is refused the same way.
        let other = app.employee(&a1702.token, None, unit1702, "199001012015032001", "Siti Aminah", None).await;
        let res = app.patch(&format!("/employees/{}", id(&other)), &a1702.token, json!({"nip": "198507152010011003"})).await;
        problem(res, 409, "duplicate_nip").await;
        let list = get_ok(&app, "/employees", &a1702.token).await;
        assert_eq!(list["total"], 1);
        assert_eq!(list["items"][0]["nip"], "199001012015032001");
    }
);

db_test!(
    async fn a_supervisor_from_another_agency_is_an_unknown_reference(app) {
        let a1771 = app.agency_admin("1771").await;
        let a1702 = app.agency_admin("1702").await;
        let unit1771 = app.unit(&a1771.token, None, None, "DINKES").await;
        let unit1702 = app.unit(&a1702.token, None, None, "DINKES").await;
        let foreign = app.employee(&a1702.token, None, unit1702, "197003031995031001", "Kepala Lain", None).await;

        let res = app
            .post("/employees", Some(&a1771.token), json!({"nip": "198507152010011003", "employment_type": "pns", "name": "Ahmad Fauzi", "org_unit_id": unit1771, "supervisor_id": id(&foreign)}))
            .await;
        let body = problem(res, 422, "validation_failed").await;
        assert_eq!(field_codes(&body), [("supervisor_id".to_owned(), "unknown_reference".to_owned())]);

        // The same through PATCH.
        let own = app.employee(&a1771.token, None, unit1771, "198507152010011003", "Ahmad Fauzi", None).await;
        let res = app.patch(&format!("/employees/{}", id(&own)), &a1771.token, json!({"supervisor_id": id(&foreign)})).await;
        let body = problem(res, 422, "validation_failed").await;
        assert_eq!(field_codes(&body), [("supervisor_id".to_owned(), "unknown_reference".to_owned())]);
    }
);

db_test!(
    async fn supervision_cannot_loop_or_point_at_oneself(app) {
        let admin = app.agency_admin("1771").await;
        let unit = app.unit(&admin.token, None, None, "DINKES").await;
        let a = app.employee(&admin.token, None, unit, "197003031995031001", "Kepala Dinas", None).await;
        let b = app.employee(&admin.token, None, unit, "198001012005011002", "Kepala Bidang", Some(id(&a))).await;
        let c = app.employee(&admin.token, None, unit, "199001012015032003", "Staf Bidang", Some(id(&b))).await;
        let a_path = format!("/employees/{}", id(&a));

        // A supervises B: B cannot become A's supervisor.
        let res = app.patch(&a_path, &admin.token, json!({"supervisor_id": id(&b)})).await;
        let body = problem(res, 422, "validation_failed").await;
        assert_eq!(field_codes(&body), [("supervisor_id".to_owned(), "cycle".to_owned())]);

        // Nor can C, who reports to A through B.
        let res = app.patch(&a_path, &admin.token, json!({"supervisor_id": id(&c)})).await;
        let body = problem(res, 422, "validation_failed").await;
        assert_eq!(field_codes(&body), [("supervisor_id".to_owned(), "cycle".to_owned())]);

        let res = app.patch(&a_path, &admin.token, json!({"supervisor_id": id(&a)})).await;
        let body = problem(res, 422, "validation_failed").await;
        assert_eq!(field_codes(&body), [("supervisor_id".to_owned(), "self_supervision".to_owned())]);

        // Nothing was saved.
        let fetched = get_ok(&app, &a_path, &admin.token).await;
        assert_eq!(fetched["supervisor_id"], Value::Null);
    }
);

db_test!(
    async fn the_supervisor_chain_lists_the_nearest_supervisor_first(app) {
        let admin = app.agency_admin("1771").await;
        let unit = app.unit(&admin.token, None, None, "DINKES").await;
        let a = app.employee(&admin.token, None, unit, "197003031995031001", "Kepala Dinas", None).await;
        let b = app.employee(&admin.token, None, unit, "198001012005011002", "Kepala Bidang", Some(id(&a))).await;
        let c = app.employee(&admin.token, None, unit, "199001012015032003", "Staf Bidang", Some(id(&b))).await;

        let chain = get_ok(&app, &format!("/employees/{}/supervisor-chain", id(&c)), &admin.token).await;
        assert_eq!(ids(&chain), [id(&b), id(&a)]);
        assert_eq!(chain[0]["name"], "Kepala Bidang");
        let chain = get_ok(&app, &format!("/employees/{}/supervisor-chain", id(&b)), &admin.token).await;
        assert_eq!(ids(&chain), [id(&a)]);
        let chain = get_ok(&app, &format!("/employees/{}/supervisor-chain", id(&a)), &admin.token).await;
        assert_eq!(ids(&chain), Vec::<Uuid>::new());

        // Direct reports through the list filter.
        let reports = get_ok(&app, &format!("/employees?supervisor_id={}", id(&a)), &admin.token).await;
        assert_eq!(names(&reports), ["Kepala Bidang"]);
    }
);

db_test!(
    async fn the_list_pages_searches_and_filters_by_unit_subtree_status_and_position_kind(app) {
        let admin = app.agency_admin("1771").await;
        let t = admin.token.as_str();
        let parent = app.unit(t, None, None, "DINKES").await;
        let child = app.unit(t, None, Some(parent), "DINKES-YANKES").await;
        let other = app.unit(t, None, None, "BAPPEDA").await;
        let pengawas = expect(app.post("/positions", Some(t), json!({"code": "KASI-1", "title": "Kepala Seksi", "kind": "pengawas"})).await, 201).await;
        let pelaksana = expect(app.post("/positions", Some(t), json!({"code": "STAF-1", "title": "Pengadministrasi Umum", "kind": "pelaksana"})).await, 201).await;

        app.employee(t, None, child, "199001012015032001", "Siti Aminah", None).await;
        app.employee(t, None, parent, "198502022010011002", "Budi Santoso", None).await;
        let ahmad = app.employee(t, None, other, "198507152010011003", "Ahmad Fauzi", None).await;
        let res = app
            .post("/employees", Some(t), json!({"nip": "199005052015032004", "employment_type": "pns", "name": "Dewi Lestari", "org_unit_id": other, "status": "leave"}))
            .await;
        expect(res, 201).await;
        let res = app
            .post("/employees", Some(t), json!({"nip": "197912122005011005", "employment_type": "pns", "name": "Eko Prasetyo", "org_unit_id": child, "position_id": id(&pengawas)}))
            .await;
        let eko = expect(res, 201).await;
        assert_eq!(eko["position_title"], "Kepala Seksi");
        assert_eq!(eko["position_kind"], "pengawas");
        let res = app.patch(&format!("/employees/{}", id(&ahmad)), t, json!({"position_id": id(&pelaksana)})).await;
        expect(res, 200).await;

        // Pages of two, by name.
        let p1 = get_ok(&app, "/employees?per_page=2", t).await;
        assert_eq!((&p1["total"], &p1["page"], &p1["per_page"]), (&json!(5), &json!(1), &json!(2)));
        assert_eq!(names(&p1), ["Ahmad Fauzi", "Budi Santoso"]);
        let p2 = get_ok(&app, "/employees?per_page=2&page=2", t).await;
        assert_eq!(p2["total"], 5);
        assert_eq!(names(&p2), ["Dewi Lestari", "Eko Prasetyo"]);
        let p3 = get_ok(&app, "/employees?per_page=2&page=3", t).await;
        assert_eq!(names(&p3), ["Siti Aminah"]);

        // Search: part of the name in any case, or the start of the NIP.
        let found = get_ok(&app, "/employees?q=aMiN", t).await;
        assert_eq!((names(&found), &found["total"]), (vec!["Siti Aminah".to_owned()], &json!(1)));
        let found = get_ok(&app, "/employees?q=1990", t).await;
        assert_eq!(names(&found), ["Dewi Lestari", "Siti Aminah"]);
        let found = get_ok(&app, "/employees?q=19850715", t).await;
        assert_eq!(names(&found), ["Ahmad Fauzi"]);
        // A NIP is matched from its start only.
        let found = get_ok(&app, "/employees?q=2015032", t).await;
        assert_eq!(found["total"], 0);

        // A unit includes the units below it.
        let found = get_ok(&app, &format!("/employees?org_unit_id={parent}"), t).await;
        assert_eq!(names(&found), ["Budi Santoso", "Eko Prasetyo", "Siti Aminah"]);
        let found = get_ok(&app, &format!("/employees?org_unit_id={child}"), t).await;
        assert_eq!(names(&found), ["Eko Prasetyo", "Siti Aminah"]);

        let found = get_ok(&app, "/employees?status=leave", t).await;
        assert_eq!(names(&found), ["Dewi Lestari"]);
        let found = get_ok(&app, "/employees?status=active", t).await;
        assert_eq!(found["total"], 4);

        let found = get_ok(&app, "/employees?sort=-nip", t).await;
        let nips: Vec<&str> = found["items"].as_array().expect("items").iter().map(|e| e["nip"].as_str().expect("nip")).collect();
        assert_eq!(nips, ["199005052015032004", "199001012015032001", "198507152010011003", "198502022010011002", "197912122005011005"]);
        let found = get_ok(&app, "/employees?sort=nip", t).await;
        assert_eq!(found["items"][0]["nip"], "197912122005011005");

        let found = get_ok(&app, "/employees?position_kind=pengawas", t).await;
        assert_eq!(names(&found), ["Eko Prasetyo"]);
        assert_eq!(found["items"][0]["position_kind"], "pengawas");
        let found = get_ok(&app, "/employees?position_kind=pelaksana", t).await;
        assert_eq!(names(&found), ["Ahmad Fauzi"]);
        let found = get_ok(&app, "/employees?position_kind=administrator", t).await;
        assert_eq!(found["total"], 0);

        // Filters combine.
        let found = get_ok(&app, &format!("/employees?org_unit_id={parent}&q=1990"), t).await;
        assert_eq!(names(&found), ["Siti Aminah"]);
    }
);

db_test!(
    async fn patch_changes_only_the_given_fields_and_normalises_them(app) {
        let admin = app.agency_admin("1771").await;
        let unit = app.unit(&admin.token, None, None, "DINKES").await;
        let emp = app.employee(&admin.token, None, unit, "198507152010011003", "Ahmad Fauzi", None).await;
        let path = format!("/employees/{}", id(&emp));

        let changed = expect(app.patch(&path, &admin.token, json!({"name": "Ahmad Fauzi Rahman"})).await, 200).await;
        assert_eq!(changed["name"], "Ahmad Fauzi Rahman");
        assert_eq!(changed["nip"], "198507152010011003");
        assert_eq!(changed["org_unit_id"], unit.to_string());
        assert_eq!(get_ok(&app, &path, &admin.token).await["name"], "Ahmad Fauzi Rahman");

        let changed = expect(app.patch(&path, &admin.token, json!({"rank": "iii/b"})).await, 200).await;
        assert_eq!(changed["rank"], "III/b");
        assert_eq!(changed["name"], "Ahmad Fauzi Rahman");

        let changed = expect(app.patch(&path, &admin.token, json!({"email": " Ahmad@Bengkuluprov.go.id "})).await, 200).await;
        assert_eq!(changed["email"], "ahmad@bengkuluprov.go.id");
        let changed = expect(app.patch(&path, &admin.token, json!({"email": null})).await, 200).await;
        assert_eq!(changed["email"], Value::Null);
        assert_eq!(changed["rank"], "III/b", "an absent field is kept");
        assert_eq!(get_ok(&app, &path, &admin.token).await["email"], Value::Null);

        let body = problem(app.patch(&path, &admin.token, json!({"email": "not-an-email"})).await, 422, "validation_failed").await;
        assert_eq!(field_codes(&body), [("email".to_owned(), "invalid_email".to_owned())]);

        let before = get_ok(&app, &path, &admin.token).await;
        let body = problem(app.patch(&path, &admin.token, json!({"nip": "198507152010131003", "name": "Nama Baru"})).await, 422, "validation_failed").await;
        assert_eq!(field_codes(&body), [("nip".to_owned(), "nip_invalid_appointment_month".to_owned())]);
        assert_eq!(get_ok(&app, &path, &admin.token).await, before, "a refused change leaves the record as it was");

        // A new valid NIP re-derives birth date and sex.
        let changed = expect(app.patch(&path, &admin.token, json!({"nip": "199202292015032001"})).await, 200).await;
        assert_eq!(changed["birth_date"], "1992-02-29");
        assert_eq!(changed["sex"], "female");
    }
);

db_test!(
    async fn deleting_an_employee_deactivates_the_record_which_stays_readable(app) {
        let admin = app.agency_admin("1771").await;
        let unit = app.unit(&admin.token, None, None, "DINKES").await;
        let emp = app.employee(&admin.token, None, unit, "198507152010011003", "Ahmad Fauzi", None).await;
        app.employee(&admin.token, None, unit, "199001012015032001", "Siti Aminah", None).await;
        let path = format!("/employees/{}", id(&emp));

        let res = app.request(Method::DELETE, &path, Some(&admin.token), None).await;
        let gone = expect(res, 200).await;
        assert_eq!(gone["status"], "inactive");
        assert_eq!(gone["name"], "Ahmad Fauzi");

        let fetched = get_ok(&app, &path, &admin.token).await;
        assert_eq!(fetched["status"], "inactive");
        assert_eq!(fetched["nip"], "198507152010011003");

        let inactive = get_ok(&app, "/employees?status=inactive", &admin.token).await;
        assert_eq!(inactive["total"], 1);
        assert_eq!(ids(&inactive["items"]), [id(&emp)]);
        let active = get_ok(&app, "/employees?status=active", &admin.token).await;
        assert_eq!(names(&active), ["Siti Aminah"]);
        // The NIP stays taken: numbers are never reused.
        let res = app
            .post("/employees", Some(&admin.token), json!({"nip": "198507152010011003", "employment_type": "pns", "name": "Orang Lain", "org_unit_id": unit}))
            .await;
        problem(res, 409, "duplicate_nip").await;
    }
);

db_test!(
    async fn an_employee_of_another_agency_is_not_found_and_never_listed(app) {
        let a1771 = app.agency_admin("1771").await;
        let a1702 = app.agency_admin("1702").await;
        let agency1702 = app.agency("1702").await;
        let unit1771 = app.unit(&a1771.token, None, None, "DINKES").await;
        let unit1702 = app.unit(&a1702.token, None, None, "DINKES").await;
        let pos1702 = expect(app.post("/positions", Some(&a1702.token), json!({"code": "KASI-1", "title": "Kepala Seksi", "kind": "pengawas"})).await, 201).await;
        let theirs = app.employee(&a1702.token, None, unit1702, "197003031995031001", "Pegawai Rejang Lebong", None).await;
        let ours = app.employee(&a1771.token, None, unit1771, "198507152010011003", "Pegawai Kota", None).await;
        let path = format!("/employees/{}", id(&theirs));

        problem(app.get(&path, &a1771.token).await, 404, "not_found").await;
        problem(app.get(&format!("{path}/supervisor-chain"), &a1771.token).await, 404, "not_found").await;
        problem(app.patch(&path, &a1771.token, json!({"name": "Diubah"})).await, 404, "not_found").await;
        problem(app.request(Method::DELETE, &path, Some(&a1771.token), None).await, 404, "not_found").await;
        let still = get_ok(&app, &path, &a1702.token).await;
        assert_eq!((&still["name"], &still["status"]), (&json!("Pegawai Rejang Lebong"), &json!("active")));

        let list = get_ok(&app, "/employees", &a1771.token).await;
        assert_eq!(list["total"], 1);
        assert_eq!(ids(&list["items"]), [id(&ours)]);
        let list = get_ok(&app, &format!("/employees?agency_id={agency1702}"), &a1771.token).await;
        assert_eq!((&list["total"], &list["items"]), (&json!(0), &json!([])));
        let list = get_ok(&app, "/employees?q=1970", &a1771.token).await;
        assert_eq!(list["total"], 0);
        let list = get_ok(&app, "/employees?q=rejang", &a1771.token).await;
        assert_eq!(list["total"], 0);
        problem(app.get(&format!("/employees?org_unit_id={unit1702}"), &a1771.token).await, 404, "not_found").await;

        // The super admin sees both agencies, and can narrow to one.
        let all = get_ok(&app, "/employees", &app.root).await;
        assert_eq!(all["total"], 2);
        let one = get_ok(&app, &format!("/employees?agency_id={agency1702}"), &app.root).await;
        assert_eq!(ids(&one["items"]), [id(&theirs)]);
        get_ok(&app, &path, &app.root).await;

        // References into another agency are refused; naming it answers as if it did not exist.
        let res = app
            .post("/employees", Some(&a1771.token), json!({"nip": "199001012015032001", "employment_type": "pns", "name": "Siti Aminah", "org_unit_id": unit1702}))
            .await;
        let body = problem(res, 422, "validation_failed").await;
        assert_eq!(field_codes(&body), [("org_unit_id".to_owned(), "unknown_reference".to_owned())]);
        let res = app
            .post("/employees", Some(&a1771.token), json!({"nip": "199001012015032001", "employment_type": "pns", "name": "Siti Aminah", "org_unit_id": unit1771, "position_id": id(&pos1702)}))
            .await;
        let body = problem(res, 422, "validation_failed").await;
        assert_eq!(field_codes(&body), [("position_id".to_owned(), "unknown_reference".to_owned())]);
        let res = app
            .post("/employees", Some(&a1771.token), json!({"agency_id": agency1702, "nip": "199001012015032001", "employment_type": "pns", "name": "Siti Aminah", "org_unit_id": unit1702}))
            .await;
        problem(res, 404, "not_found").await;
        let res = app.patch(&format!("/employees/{}", id(&ours)), &a1771.token, json!({"org_unit_id": unit1702})).await;
        let body = problem(res, 422, "validation_failed").await;
        assert_eq!(field_codes(&body), [("org_unit_id".to_owned(), "unknown_reference".to_owned())]);
        assert_eq!(get_ok(&app, "/employees", &a1702.token).await["total"], 1);
    }
);

db_test!(
    async fn an_employee_account_reads_only_its_own_record_and_a_supervisor_only_reads(app) {
        let admin = app.agency_admin("1771").await;
        let agency = app.agency("1771").await;
        let unit = app.unit(&admin.token, None, None, "DINKES").await;
        let me = app.employee(&admin.token, None, unit, "198507152010011003", "Ahmad Fauzi", None).await;
        let colleague = app.employee(&admin.token, None, unit, "199001012015032001", "Siti Aminah", None).await;
        let staff = app.create_user_direct("ahmad@test.local", Some(agency), vec![Role::Employee], Some(id(&me))).await;

        problem(app.get("/employees", &staff.token).await, 403, "forbidden").await;
        let own = get_ok(&app, &format!("/employees/{}", id(&me)), &staff.token).await;
        assert_eq!(own["nip"], "198507152010011003");
        get_ok(&app, &format!("/employees/{}/supervisor-chain", id(&me)), &staff.token).await;
        problem(app.get(&format!("/employees/{}", id(&colleague)), &staff.token).await, 404, "not_found").await;
        problem(app.get(&format!("/employees/{}/supervisor-chain", id(&colleague)), &staff.token).await, 404, "not_found").await;
        let res = app
            .post("/employees", Some(&staff.token), json!({"nip": "199005052015032004", "employment_type": "pns", "name": "Dewi Lestari", "org_unit_id": unit}))
            .await;
        problem(res, 403, "forbidden").await;
        problem(app.patch(&format!("/employees/{}", id(&me)), &staff.token, json!({"name": "Nama Sendiri"})).await, 403, "forbidden").await;
        problem(app.request(Method::DELETE, &format!("/employees/{}", id(&me)), Some(&staff.token), None).await, 403, "forbidden").await;

        let boss = app.create_user_direct("kabid@test.local", Some(agency), vec![Role::Supervisor], None).await;
        let list = get_ok(&app, "/employees", &boss.token).await;
        assert_eq!(list["total"], 2);
        get_ok(&app, &format!("/employees/{}", id(&colleague)), &boss.token).await;
        let res = app
            .post("/employees", Some(&boss.token), json!({"nip": "199005052015032004", "employment_type": "pns", "name": "Dewi Lestari", "org_unit_id": unit}))
            .await;
        problem(res, 403, "forbidden").await;
        assert_eq!(get_ok(&app, "/employees", &admin.token).await["total"], 2);
    }
);

db_test!(
    async fn creating_and_renaming_an_employee_leaves_two_audit_events_newest_first(app) {
        let admin = app.agency_admin("1771").await;
        let other = app.agency_admin("1702").await;
        let unit = app.unit(&admin.token, None, None, "DINKES").await;
        let emp = app.employee(&admin.token, None, unit, "198507152010011003", "Ahmad Fauzi", None).await;
        let path = format!("/employees/{}", id(&emp));
        expect(app.patch(&path, &admin.token, json!({"name": "Ahmad Fauzi Rahman"})).await, 200).await;

        let events = get_ok(&app, &format!("/audit-events?entity_id={}", id(&emp)), &admin.token).await;
        assert_eq!(events["total"], 2, "{events}");
        let items = events["items"].as_array().expect("items");
        assert_eq!(items[0]["action"], "update");
        assert_eq!(items[0]["changes"], json!({"name": {"before": "Ahmad Fauzi", "after": "Ahmad Fauzi Rahman"}}));
        assert_eq!(items[1]["action"], "create");
        assert_eq!(items[1]["changes"]["nip"], json!({"before": null, "after": "198507152010011003"}));
        for e in items {
            assert_eq!(e["actor_user_id"], admin.id.to_string());
            assert_eq!(e["entity_type"], "employee");
            assert_eq!(e["entity_id"], id(&emp).to_string());
            assert_eq!(e["agency_id"], emp["agency_id"]);
        }

        let theirs = get_ok(&app, &format!("/audit-events?entity_id={}", id(&emp)), &other.token).await;
        assert_eq!((&theirs["total"], &theirs["items"]), (&json!(0), &json!([])));
        let root = get_ok(&app, &format!("/audit-events?entity_id={}", id(&emp)), &app.root).await;
        assert_eq!(root["total"], 2);
    }
);

db_test!(
    async fn names_sort_the_same_on_every_backend_whatever_their_case(app) {
        let admin = app.agency_admin("1771").await;
        let unit = app.unit(&admin.token, None, None, "SORT").await;
        app.employee(&admin.token, None, unit, "198507152010011003", "budi Santoso", None).await;
        app.employee(&admin.token, None, unit, "198507152010011004", "Ahmad Fauzi", None).await;
        app.employee(&admin.token, None, unit, "198507152010011005", "citra Dewi", None).await;
        let page: Value = app.get("/employees?sort=name", &admin.token).await.json().await.expect("json");
        let names: Vec<&str> = page["items"].as_array().expect("items").iter().filter_map(|e| e["name"].as_str()).collect();
        assert_eq!(names, ["Ahmad Fauzi", "budi Santoso", "citra Dewi"]);
    }
);

db_test!(
    async fn deactivating_twice_leaves_one_audit_event(app) {
        let admin = app.agency_admin("1771").await;
        let unit = app.unit(&admin.token, None, None, "TWICE").await;
        let emp = app.employee(&admin.token, None, unit, "198507152010011003", "Ahmad Fauzi", None).await;
        let id = emp["id"].as_str().expect("id");
        for _ in 0..2 {
            let res = app.request(reqwest::Method::DELETE, &format!("/employees/{id}"), Some(&admin.token), None).await;
            assert_eq!(res.status(), 200);
        }
        let events: Value = app.get(&format!("/audit-events?entity_id={id}"), &admin.token).await.json().await.expect("json");
        let actions: Vec<&str> = events["items"].as_array().expect("items").iter().filter_map(|e| e["action"].as_str()).collect();
        assert_eq!(actions, ["deactivate", "create"]);
        assert_eq!(events["items"][0]["changes"]["status"], serde_json::json!({"before": "active", "after": "inactive"}));
    }
);
