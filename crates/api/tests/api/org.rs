//! Agencies, the org-unit tree and positions: who may see and change them, the tree moves,
//! the natural keys, the filters, and that another agency's objects stay invisible (404).

use pembina_domain::accounts::Role;
use reqwest::Response;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::helpers::{TestApp, db_test, problem};

/// The JSON body of a response that must have `status`.
async fn expect_json(res: Response, status: u16) -> Value {
    let got = res.status().as_u16();
    let text = res.text().await.expect("body");
    assert_eq!(got, status, "{text}");
    serde_json::from_str(&text).expect("json")
}

/// A page listed with 200.
async fn list(app: &TestApp, path: &str, token: &str) -> Value {
    expect_json(app.get(path, token).await, 200).await
}

/// An object created with 201.
async fn create(app: &TestApp, path: &str, token: &str, body: Value) -> Value {
    expect_json(app.post(path, Some(token), body).await, 201).await
}

/// The ids of a page's items, in order.
fn ids(page: &Value) -> Vec<String> {
    page["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|i| i["id"].as_str().expect("id").to_owned())
        .collect()
}

/// One field of a page's items, in order.
fn column(page: &Value, field: &str) -> Vec<Value> {
    page["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|i| i[field].clone())
        .collect()
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

fn s(id: Uuid) -> String {
    id.to_string()
}

/// The depth of a unit, read back with GET.
async fn depth(app: &TestApp, token: &str, id: Uuid) -> i64 {
    let unit = expect_json(app.get(&format!("/org-units/{id}"), token).await, 200).await;
    unit["depth"].as_i64().expect("depth")
}

/// A unit with a chosen name.
async fn named_unit(
    app: &TestApp,
    token: &str,
    agency: Option<Uuid>,
    code: &str,
    name: &str,
) -> Value {
    create(
        app,
        "/org-units",
        token,
        json!({"agency_id": agency, "code": code, "name": name, "kind": "agency"}),
    )
    .await
}

/// A position created through the API.
async fn position(
    app: &TestApp,
    token: &str,
    agency: Option<Uuid>,
    code: &str,
    kind: &str,
    level: Option<&str>,
) -> Value {
    create(app, "/positions", token, json!({"agency_id": agency, "code": code, "title": format!("Jabatan {code}"), "kind": kind, "functional_level": level})).await
}

/// Asserts a 422 whose first field error is `field` with `code`.
async fn invalid(res: Response, field: &str, code: &str) {
    let body = problem(res, 422, "validation_failed").await;
    assert_eq!(body["errors"][0]["field"], field, "{body}");
    assert_eq!(body["errors"][0]["code"], code, "{body}");
}

// ---------------------------------------------------------------- agencies

db_test!(
    async fn a_super_admin_lists_all_eleven_seeded_agencies_in_code_order(app) {
        let page = list(&app, "/agencies?per_page=200", &app.root).await;
        assert_eq!(page["total"], 11);
        let codes: Vec<Value> = column(&page, "code");
        let want: Vec<Value> = ["17", "1701", "1702", "1703", "1704", "1705", "1706", "1707", "1708", "1709", "1771"].iter().map(|c| json!(c)).collect();
        assert_eq!(codes, want);
        let province = &page["items"][0];
        assert_eq!((&province["kind"], &province["name"]), (&json!("province"), &json!("Pemerintah Provinsi Bengkulu")));
        assert_eq!(page["items"][10]["kind"], "city");
        // Paging counts every agency, whatever the page size.
        let first = list(&app, "/agencies?per_page=5&page=3", &app.root).await;
        assert_eq!((first["total"].as_u64(), column(&first, "code")), (Some(11), vec![json!("1771")]));
    }
);

db_test!(
    async fn an_agency_admin_lists_exactly_its_own_agency_and_another_one_is_not_found(app) {
        let admin = app.agency_admin("1771").await;
        let own = app.agency("1771").await;
        let other = app.agency("1702").await;
        let page = list(&app, "/agencies?per_page=200", &admin.token).await;
        assert_eq!(page["total"], 1);
        assert_eq!(ids(&page), vec![s(own)]);
        assert_eq!(page["items"][0]["code"], "1771");
        let got = expect_json(app.get(&format!("/agencies/{own}"), &admin.token).await, 200).await;
        assert_eq!(got["code"], "1771");
        problem(app.get(&format!("/agencies/{other}"), &admin.token).await, 404, "not_found").await;
        // The super admin reads either.
        let got = expect_json(app.get(&format!("/agencies/{other}"), &app.root).await, 200).await;
        assert_eq!(got["code"], "1702");
    }
);

db_test!(
    async fn a_super_admin_creates_an_agency_and_a_taken_code_is_a_409_on_the_code(app) {
        let body = json!({"code": "1772", "name": "Pemerintah Kota Baru", "kind": "city", "seat": "Kota Baru"});
        let created = create(&app, "/agencies", &app.root, body.clone()).await;
        assert_eq!((&created["code"], &created["kind"], &created["seat"]), (&json!("1772"), &json!("city"), &json!("Kota Baru")));
        let id = created["id"].as_str().expect("id");
        let got = expect_json(app.get(&format!("/agencies/{id}"), &app.root).await, 200).await;
        assert_eq!(got["name"], "Pemerintah Kota Baru");
        assert_eq!(list(&app, "/agencies", &app.root).await["total"], 12);

        let dup = problem(app.post("/agencies", Some(&app.root), body).await, 409, "duplicate_code").await;
        assert_eq!(dup["errors"][0]["field"], "code", "{dup}");
        // A seeded code is taken too.
        let dup = problem(app.post("/agencies", Some(&app.root), json!({"code": "1771", "name": "Lagi", "kind": "city", "seat": "X"})).await, 409, "duplicate_code").await;
        assert_eq!(dup["errors"][0]["field"], "code", "{dup}");
        assert_eq!(list(&app, "/agencies", &app.root).await["total"], 12);
    }
);

db_test!(
    async fn only_a_super_admin_may_create_an_agency(app) {
        let admin = app.agency_admin("1771").await;
        let body = json!({"code": "1772", "name": "Pemerintah Kota Baru", "kind": "city", "seat": "Kota Baru"});
        problem(app.post("/agencies", Some(&admin.token), body.clone()).await, 403, "forbidden").await;
        let agency = app.agency("1771").await;
        let staff = app.create_user_direct("staff@test.local", Some(agency), vec![Role::Employee], None).await;
        problem(app.post("/agencies", Some(&staff.token), body.clone()).await, 403, "forbidden").await;
        problem(app.post("/agencies", None, body).await, 401, "unauthorized").await;
        assert_eq!(list(&app, "/agencies", &app.root).await["total"], 11);
    }
);

db_test!(
    async fn an_agency_code_must_have_the_width_of_its_kind(app) {
        for (code, kind) in [("17", "regency"), ("1799", "province"), ("17a1", "city"), ("177", "city")] {
            let res = app.post("/agencies", Some(&app.root), json!({"code": code, "name": "Baru", "kind": kind, "seat": "X"})).await;
            invalid(res, "code", "invalid_agency_code").await;
        }
        let res = app.post("/agencies", Some(&app.root), json!({"code": "1772", "name": "Baru", "kind": "village", "seat": "X"})).await;
        assert_eq!(problem(res, 422, "validation_failed").await["errors"][0]["field"], "kind");
        let res = app.post("/agencies", Some(&app.root), json!({"code": "1772", "name": "  ", "kind": "city", "seat": "X"})).await;
        invalid(res, "name", "required").await;
        assert_eq!(list(&app, "/agencies", &app.root).await["total"], 11);
    }
);

db_test!(
    async fn an_agency_admin_renames_its_own_agency_but_another_one_is_not_found(app) {
        let admin = app.agency_admin("1771").await;
        let own = app.agency("1771").await;
        let other = app.agency("1702").await;
        let res = app.patch(&format!("/agencies/{own}"), &admin.token, json!({"name": "  Pemkot Bengkulu  "})).await;
        let got = expect_json(res, 200).await;
        assert_eq!((&got["name"], &got["seat"], &got["code"]), (&json!("Pemkot Bengkulu"), &json!("Bengkulu"), &json!("1771")));
        let read = expect_json(app.get(&format!("/agencies/{own}"), &app.root).await, 200).await;
        assert_eq!(read["name"], "Pemkot Bengkulu");

        problem(app.patch(&format!("/agencies/{other}"), &admin.token, json!({"name": "Diambil alih"})).await, 404, "not_found").await;
        let read = expect_json(app.get(&format!("/agencies/{other}"), &app.root).await, 200).await;
        assert_eq!(read["name"], "Pemerintah Kabupaten Rejang Lebong");

        // The super admin may change any agency's seat.
        let got = expect_json(app.patch(&format!("/agencies/{other}"), &app.root, json!({"seat": "Curup Kota"})).await, 200).await;
        assert_eq!((&got["seat"], &got["name"]), (&json!("Curup Kota"), &json!("Pemerintah Kabupaten Rejang Lebong")));
        // The code is fixed by the regional register.
        let res = app.patch(&format!("/agencies/{own}"), &admin.token, json!({"code": "1799"})).await;
        invalid(res, "code", "unknown_field").await;
    }
);

db_test!(
    async fn a_blank_agency_name_or_seat_is_refused_on_update(app) {
        let own = app.agency("1771").await;
        invalid(app.patch(&format!("/agencies/{own}"), &app.root, json!({"name": "   "})).await, "name", "required").await;
        invalid(app.patch(&format!("/agencies/{own}"), &app.root, json!({"seat": " "})).await, "seat", "required").await;
        let read = expect_json(app.get(&format!("/agencies/{own}"), &app.root).await, 200).await;
        assert_eq!((&read["name"], &read["seat"]), (&json!("Pemerintah Kota Bengkulu"), &json!("Bengkulu")));
    }
);

// ---------------------------------------------------------------- org units

db_test!(
    async fn a_unit_tree_is_listed_by_within_by_parent_and_by_roots(app) {
        let agency = app.agency("1771").await;
        let root = app.unit(&app.root, Some(agency), None, "DINKES").await;
        let child = app.unit(&app.root, Some(agency), Some(root), "DINKES.YANKES").await;
        let grandchild = app.unit(&app.root, Some(agency), Some(child), "DINKES.YANKES.PKM").await;
        let other_root = app.unit(&app.root, Some(agency), None, "DISDIK").await;
        let _other_child = app.unit(&app.root, Some(agency), Some(other_root), "DISDIK.SD").await;

        let created = expect_json(app.get(&format!("/org-units/{grandchild}"), &app.root).await, 200).await;
        assert_eq!((&created["parent_id"], &created["depth"], &created["active"]), (&json!(s(child)), &json!(2), &json!(true)));

        let within = list(&app, &format!("/org-units?within={root}"), &app.root).await;
        assert_eq!(within["total"], 3);
        // The default order is the tree's: a unit before the units below it.
        assert_eq!(ids(&within), vec![s(root), s(child), s(grandchild)]);

        let children = list(&app, &format!("/org-units?parent_id={root}"), &app.root).await;
        assert_eq!((children["total"].as_u64(), ids(&children)), (Some(1), vec![s(child)]));

        let roots = list(&app, &format!("/org-units?roots=true&agency_id={agency}"), &app.root).await;
        assert_eq!(sorted(ids(&roots)), sorted(vec![s(root), s(other_root)]));
        assert!(column(&roots, "depth").iter().all(|d| *d == json!(0)));

        let all = list(&app, &format!("/org-units?agency_id={agency}"), &app.root).await;
        assert_eq!(all["total"], 5);
    }
);

db_test!(
    async fn the_ancestry_of_a_unit_runs_from_the_top_down_to_the_unit(app) {
        let agency = app.agency("17").await;
        let root = app.unit(&app.root, Some(agency), None, "SETDA").await;
        let child = app.unit(&app.root, Some(agency), Some(root), "SETDA.ORG").await;
        let grandchild = app.unit(&app.root, Some(agency), Some(child), "SETDA.ORG.KLB").await;
        let chain = expect_json(app.get(&format!("/org-units/{grandchild}/ancestry"), &app.root).await, 200).await;
        let chain = chain.as_array().expect("array");
        let got: Vec<(String, i64)> = chain.iter().map(|u| (u["id"].as_str().expect("id").to_owned(), u["depth"].as_i64().expect("depth"))).collect();
        assert_eq!(got, vec![(s(root), 0), (s(child), 1), (s(grandchild), 2)]);
        assert_eq!(chain[2]["code"], "SETDA.ORG.KLB");
        let top = expect_json(app.get(&format!("/org-units/{root}/ancestry"), &app.root).await, 200).await;
        assert_eq!(top.as_array().map(Vec::len), Some(1));
        problem(app.get(&format!("/org-units/{}/ancestry", Uuid::now_v7()), &app.root).await, 404, "not_found").await;
    }
);

db_test!(
    async fn moving_a_unit_shifts_the_depth_of_its_whole_subtree(app) {
        let agency = app.agency("1771").await;
        let a = app.unit(&app.root, Some(agency), None, "A").await;
        let child = app.unit(&app.root, Some(agency), Some(a), "A.CHILD").await;
        let grandchild = app.unit(&app.root, Some(agency), Some(child), "A.CHILD.GRAND").await;
        let b = app.unit(&app.root, Some(agency), None, "B").await;
        let b1 = app.unit(&app.root, Some(agency), Some(b), "B.ONE").await;

        // Under B.ONE, one level deeper than before: the unit and its child both go down one.
        let moved = expect_json(app.patch(&format!("/org-units/{child}"), &app.root, json!({"parent_id": b1})).await, 200).await;
        assert_eq!((&moved["parent_id"], &moved["depth"], &moved["code"]), (&json!(s(b1)), &json!(2), &json!("A.CHILD")));
        assert_eq!(depth(&app, &app.root, child).await, 2);
        assert_eq!(depth(&app, &app.root, grandchild).await, 3);
        let read = expect_json(app.get(&format!("/org-units/{grandchild}"), &app.root).await, 200).await;
        assert_eq!(read["parent_id"], json!(s(child)));
        assert_eq!(list(&app, &format!("/org-units?parent_id={a}"), &app.root).await["total"], 0);
        assert_eq!(ids(&list(&app, &format!("/org-units?parent_id={b1}"), &app.root).await), vec![s(child)]);
        assert_eq!(ids(&list(&app, &format!("/org-units?within={a}"), &app.root).await), vec![s(a)]);
        // Units outside the moved subtree are untouched.
        assert_eq!((depth(&app, &app.root, a).await, depth(&app, &app.root, b).await, depth(&app, &app.root, b1).await), (0, 0, 1));
    }
);

db_test!(
    async fn a_moved_subtree_is_found_within_its_new_parent_and_in_the_ancestry(app) {
        let agency = app.agency("1771").await;
        let a = app.unit(&app.root, Some(agency), None, "A").await;
        let child = app.unit(&app.root, Some(agency), Some(a), "A.CHILD").await;
        let grandchild = app.unit(&app.root, Some(agency), Some(child), "A.CHILD.GRAND").await;
        let b = app.unit(&app.root, Some(agency), None, "B").await;
        let b1 = app.unit(&app.root, Some(agency), Some(b), "B.ONE").await;

        expect_json(app.patch(&format!("/org-units/{child}"), &app.root, json!({"parent_id": b})).await, 200).await;
        let within_b = list(&app, &format!("/org-units?within={b}"), &app.root).await;
        assert_eq!(sorted(ids(&within_b)), sorted(vec![s(b), s(b1), s(child), s(grandchild)]));
        assert_eq!(ids(&list(&app, &format!("/org-units?within={a}"), &app.root).await), vec![s(a)]);
        let chain = expect_json(app.get(&format!("/org-units/{grandchild}/ancestry"), &app.root).await, 200).await;
        let chain_ids: Vec<&str> = chain.as_array().expect("array").iter().map(|u| u["id"].as_str().expect("id")).collect();
        assert_eq!(chain_ids, vec![s(b).as_str(), s(child).as_str(), s(grandchild).as_str()]);

        // A second move of the same subtree, one level deeper, under B.ONE.
        let moved = expect_json(app.patch(&format!("/org-units/{child}"), &app.root, json!({"parent_id": b1})).await, 200).await;
        assert_eq!(moved["depth"], 2);
        assert_eq!(depth(&app, &app.root, grandchild).await, 3);
        let within_b1 = list(&app, &format!("/org-units?within={b1}"), &app.root).await;
        assert_eq!(ids(&within_b1), vec![s(b1), s(child), s(grandchild)]);
        let chain = expect_json(app.get(&format!("/org-units/{grandchild}/ancestry"), &app.root).await, 200).await;
        let got: Vec<(String, i64)> = chain.as_array().expect("array").iter().map(|u| (u["id"].as_str().expect("id").to_owned(), u["depth"].as_i64().expect("depth"))).collect();
        assert_eq!(got, vec![(s(b), 0), (s(b1), 1), (s(child), 2), (s(grandchild), 3)]);
    }
);

db_test!(
    async fn after_a_move_a_unit_still_cannot_move_below_its_own_descendant(app) {
        let agency = app.agency("1771").await;
        let a = app.unit(&app.root, Some(agency), None, "A").await;
        let child = app.unit(&app.root, Some(agency), Some(a), "A.CHILD").await;
        let grandchild = app.unit(&app.root, Some(agency), Some(child), "A.CHILD.GRAND").await;
        let b = app.unit(&app.root, Some(agency), None, "B").await;
        expect_json(app.patch(&format!("/org-units/{child}"), &app.root, json!({"parent_id": b})).await, 200).await;
        invalid(app.patch(&format!("/org-units/{child}"), &app.root, json!({"parent_id": grandchild})).await, "parent_id", "cycle").await;
        let read = expect_json(app.get(&format!("/org-units/{child}"), &app.root).await, 200).await;
        assert_eq!((&read["parent_id"], &read["depth"]), (&json!(s(b)), &json!(1)));
    }
);

db_test!(
    async fn a_unit_cannot_move_below_itself_or_one_of_its_descendants(app) {
        let agency = app.agency("1771").await;
        let root = app.unit(&app.root, Some(agency), None, "ROOT").await;
        let child = app.unit(&app.root, Some(agency), Some(root), "ROOT.CHILD").await;
        let grandchild = app.unit(&app.root, Some(agency), Some(child), "ROOT.CHILD.GRAND").await;
        invalid(app.patch(&format!("/org-units/{child}"), &app.root, json!({"parent_id": grandchild})).await, "parent_id", "cycle").await;
        invalid(app.patch(&format!("/org-units/{root}"), &app.root, json!({"parent_id": grandchild})).await, "parent_id", "cycle").await;
        invalid(app.patch(&format!("/org-units/{child}"), &app.root, json!({"parent_id": child})).await, "parent_id", "cycle").await;
        // Nothing moved.
        let got = expect_json(app.get(&format!("/org-units/{child}"), &app.root).await, 200).await;
        assert_eq!((&got["parent_id"], &got["depth"]), (&json!(s(root)), &json!(1)));
        assert_eq!(depth(&app, &app.root, grandchild).await, 2);
        assert_eq!(list(&app, &format!("/org-units?within={root}"), &app.root).await["total"], 3);
    }
);

db_test!(
    async fn a_null_parent_makes_a_unit_top_level_with_its_subtree(app) {
        let agency = app.agency("1771").await;
        let root = app.unit(&app.root, Some(agency), None, "ROOT").await;
        let child = app.unit(&app.root, Some(agency), Some(root), "ROOT.CHILD").await;
        let grandchild = app.unit(&app.root, Some(agency), Some(child), "ROOT.CHILD.GRAND").await;
        let got = expect_json(app.patch(&format!("/org-units/{child}"), &app.root, json!({"parent_id": null})).await, 200).await;
        assert_eq!((&got["parent_id"], &got["depth"]), (&Value::Null, &json!(0)));
        assert_eq!(depth(&app, &app.root, child).await, 0);
        assert_eq!(depth(&app, &app.root, grandchild).await, 1);
        let roots = list(&app, &format!("/org-units?roots=true&agency_id={agency}"), &app.root).await;
        assert_eq!(sorted(ids(&roots)), sorted(vec![s(root), s(child)]));
        assert_eq!(ids(&list(&app, &format!("/org-units?within={root}"), &app.root).await), vec![s(root)]);
        assert_eq!(list(&app, &format!("/org-units?parent_id={root}"), &app.root).await["total"], 0);
        // Leaving parent_id out changes nothing about the tree.
        let got = expect_json(app.patch(&format!("/org-units/{grandchild}"), &app.root, json!({"name": "Puskesmas"})).await, 200).await;
        assert_eq!((&got["parent_id"], &got["depth"], &got["name"]), (&json!(s(child)), &json!(1), &json!("Puskesmas")));
        // And null on a unit that is already top-level is a no-op.
        let got = expect_json(app.patch(&format!("/org-units/{root}"), &app.root, json!({"parent_id": null})).await, 200).await;
        assert_eq!((&got["parent_id"], &got["depth"]), (&Value::Null, &json!(0)));
    }
);

db_test!(
    async fn a_subtree_made_top_level_is_found_within_its_new_top(app) {
        let agency = app.agency("1771").await;
        let root = app.unit(&app.root, Some(agency), None, "ROOT").await;
        let child = app.unit(&app.root, Some(agency), Some(root), "ROOT.CHILD").await;
        let grandchild = app.unit(&app.root, Some(agency), Some(child), "ROOT.CHILD.GRAND").await;
        expect_json(app.patch(&format!("/org-units/{child}"), &app.root, json!({"parent_id": null})).await, 200).await;
        assert_eq!(ids(&list(&app, &format!("/org-units?within={child}"), &app.root).await), vec![s(child), s(grandchild)]);
        let chain = expect_json(app.get(&format!("/org-units/{grandchild}/ancestry"), &app.root).await, 200).await;
        let got: Vec<(String, i64)> = chain.as_array().expect("array").iter().map(|u| (u["id"].as_str().expect("id").to_owned(), u["depth"].as_i64().expect("depth"))).collect();
        assert_eq!(got, vec![(s(child), 0), (s(grandchild), 1)]);
    }
);

db_test!(
    async fn unit_codes_are_upper_cased_and_unique_inside_one_agency_only(app) {
        let city = app.agency("1771").await;
        let regency = app.agency("1702").await;
        let first = named_unit(&app, &app.root, Some(city), "dinkes", "Dinas Kesehatan").await;
        assert_eq!(first["code"], "DINKES");
        let dup = problem(app.post("/org-units", Some(&app.root), json!({"agency_id": city, "code": "DINKES", "name": "Lagi", "kind": "agency"})).await, 409, "duplicate_code").await;
        assert_eq!(dup["errors"][0]["field"], "code", "{dup}");
        // Case does not make a different code.
        problem(app.post("/org-units", Some(&app.root), json!({"agency_id": city, "code": " Dinkes ", "name": "Lagi", "kind": "agency"})).await, 409, "duplicate_code").await;
        let elsewhere = named_unit(&app, &app.root, Some(regency), "DINKES", "Dinas Kesehatan").await;
        assert_eq!((&elsewhere["code"], &elsewhere["agency_id"]), (&json!("DINKES"), &json!(s(regency))));

        invalid(app.post("/org-units", Some(&app.root), json!({"agency_id": city, "code": "A B", "name": "X", "kind": "agency"})).await, "code", "invalid_code").await;
        invalid(app.post("/org-units", Some(&app.root), json!({"agency_id": city, "code": "X".repeat(31), "name": "X", "kind": "agency"})).await, "code", "invalid_code").await;

        // Renaming the code onto a taken one is refused as well; keeping one's own is fine.
        let other = named_unit(&app, &app.root, Some(city), "DISDIK", "Dinas Pendidikan").await;
        let other_id = other["id"].as_str().expect("id");
        problem(app.patch(&format!("/org-units/{other_id}"), &app.root, json!({"code": "dinkes"})).await, 409, "duplicate_code").await;
        let got = expect_json(app.patch(&format!("/org-units/{other_id}"), &app.root, json!({"code": "disdik", "name": "Dinas Pendidikan dan Kebudayaan"})).await, 200).await;
        assert_eq!((&got["code"], &got["name"]), (&json!("DISDIK"), &json!("Dinas Pendidikan dan Kebudayaan")));
        assert_eq!(list(&app, &format!("/org-units?agency_id={city}"), &app.root).await["total"], 2);
    }
);

db_test!(
    async fn a_deactivated_unit_is_found_by_the_active_filter(app) {
        let agency = app.agency("1771").await;
        let kept = app.unit(&app.root, Some(agency), None, "KEPT").await;
        let closed = app.unit(&app.root, Some(agency), None, "CLOSED").await;
        let got = expect_json(app.patch(&format!("/org-units/{closed}"), &app.root, json!({"active": false})).await, 200).await;
        assert_eq!((&got["active"], &got["code"]), (&json!(false), &json!("CLOSED")));
        let inactive = list(&app, &format!("/org-units?active=false&agency_id={agency}"), &app.root).await;
        assert_eq!(ids(&inactive), vec![s(closed)]);
        let active = list(&app, &format!("/org-units?active=true&agency_id={agency}"), &app.root).await;
        assert_eq!(ids(&active), vec![s(kept)]);
        // It is still readable, and can be reactivated.
        let got = expect_json(app.patch(&format!("/org-units/{closed}"), &app.root, json!({"active": true})).await, 200).await;
        assert_eq!(got["active"], true);
        assert_eq!(list(&app, &format!("/org-units?active=false&agency_id={agency}"), &app.root).await["total"], 0);
    }
);

db_test!(
    async fn the_unit_search_matches_names_case_insensitively_and_sort_can_be_reversed(app) {
        let agency = app.agency("1771").await;
        let health = named_unit(&app, &app.root, Some(agency), "BBB", "Dinas Kesehatan").await;
        let hospital = named_unit(&app, &app.root, Some(agency), "CCC", "RSUD Kesehatan Jiwa").await;
        let school = named_unit(&app, &app.root, Some(agency), "AAA", "Dinas Pendidikan").await;
        let id = |v: &Value| v["id"].as_str().expect("id").to_owned();

        let found = list(&app, &format!("/org-units?agency_id={agency}&q=KESEHATAN&sort=code"), &app.root).await;
        assert_eq!(ids(&found), vec![id(&health), id(&hospital)]);
        let found = list(&app, &format!("/org-units?agency_id={agency}&q=pendidikan"), &app.root).await;
        assert_eq!(ids(&found), vec![id(&school)]);
        // A code prefix matches too, whatever its case.
        let found = list(&app, &format!("/org-units?agency_id={agency}&q=cc"), &app.root).await;
        assert_eq!(ids(&found), vec![id(&hospital)]);
        assert_eq!(list(&app, &format!("/org-units?agency_id={agency}&q=imigrasi"), &app.root).await["total"], 0);

        let up = list(&app, &format!("/org-units?agency_id={agency}&sort=code"), &app.root).await;
        assert_eq!(column(&up, "code"), vec![json!("AAA"), json!("BBB"), json!("CCC")]);
        let down = list(&app, &format!("/org-units?agency_id={agency}&sort=-code"), &app.root).await;
        assert_eq!(column(&down, "code"), vec![json!("CCC"), json!("BBB"), json!("AAA")]);
        let by_name = list(&app, &format!("/org-units?agency_id={agency}&sort=-name"), &app.root).await;
        assert_eq!(ids(&by_name), vec![id(&hospital), id(&school), id(&health)]);
        invalid(app.get("/org-units?sort=depth", &app.root).await, "sort", "unknown_sort_key").await;
    }
);

db_test!(
    async fn a_parent_from_another_agency_is_an_unknown_reference(app) {
        let city = app.agency("1771").await;
        let regency = app.agency("1702").await;
        let foreign = app.unit(&app.root, Some(regency), None, "DINKES").await;
        let res = app.post("/org-units", Some(&app.root), json!({"agency_id": city, "parent_id": foreign, "code": "X", "name": "X", "kind": "division"})).await;
        invalid(res, "parent_id", "unknown_reference").await;
        let res = app.post("/org-units", Some(&app.root), json!({"agency_id": city, "parent_id": Uuid::now_v7(), "code": "X", "name": "X", "kind": "division"})).await;
        invalid(res, "parent_id", "unknown_reference").await;
        let own = app.unit(&app.root, Some(city), None, "OWN").await;
        invalid(app.patch(&format!("/org-units/{own}"), &app.root, json!({"parent_id": foreign})).await, "parent_id", "unknown_reference").await;
        assert_eq!(depth(&app, &app.root, own).await, 0);
        assert_eq!(list(&app, &format!("/org-units?agency_id={city}"), &app.root).await["total"], 1);
    }
);

db_test!(
    async fn a_super_admin_must_name_the_agency_of_a_new_unit(app) {
        let res = app.post("/org-units", Some(&app.root), json!({"code": "X", "name": "X", "kind": "agency"})).await;
        invalid(res, "agency_id", "required").await;
        let res = app.post("/org-units", Some(&app.root), json!({"agency_id": Uuid::now_v7(), "code": "X", "name": "X", "kind": "agency"})).await;
        invalid(res, "agency_id", "unknown_reference").await;
    }
);

// ---------------------------------------------------------------- unit tenant isolation

db_test!(
    async fn an_agency_admin_cannot_see_or_change_units_of_another_agency(app) {
        let admin = app.agency_admin("1771").await;
        let regency = app.agency("1702").await;
        let foreign = app.unit(&app.root, Some(regency), None, "DINKES").await;
        let foreign_child = app.unit(&app.root, Some(regency), Some(foreign), "DINKES.PKM").await;
        let own = app.unit(&admin.token, None, None, "DINKES").await;

        problem(app.get(&format!("/org-units/{foreign}"), &admin.token).await, 404, "not_found").await;
        problem(app.get(&format!("/org-units/{foreign_child}/ancestry"), &admin.token).await, 404, "not_found").await;
        problem(app.patch(&format!("/org-units/{foreign}"), &admin.token, json!({"name": "Diambil alih"})).await, 404, "not_found").await;
        problem(app.patch(&format!("/org-units/{foreign}"), &admin.token, json!({"parent_id": own})).await, 404, "not_found").await;
        let untouched = expect_json(app.get(&format!("/org-units/{foreign}"), &app.root).await, 200).await;
        assert_eq!((&untouched["name"], &untouched["parent_id"]), (&json!("Unit DINKES"), &Value::Null));

        let mine = list(&app, "/org-units?per_page=200", &admin.token).await;
        assert_eq!((mine["total"].as_u64(), ids(&mine)), (Some(1), vec![s(own)]));
        let filtered = list(&app, &format!("/org-units?agency_id={regency}"), &admin.token).await;
        assert_eq!(filtered["total"], 0);
        assert_eq!(ids(&filtered), Vec::<String>::new());
        assert_eq!(list(&app, &format!("/org-units?parent_id={foreign}"), &admin.token).await["total"], 0);
        assert_eq!(list(&app, "/org-units?q=dinkes", &admin.token).await["total"], 1);
        problem(app.get(&format!("/org-units?within={foreign}"), &admin.token).await, 404, "not_found").await;

        let res = app.post("/org-units", Some(&admin.token), json!({"agency_id": regency, "code": "NEW", "name": "Baru", "kind": "agency"})).await;
        problem(res, 404, "not_found").await;
        let res = app.post("/org-units", Some(&admin.token), json!({"parent_id": foreign, "code": "NEW", "name": "Baru", "kind": "division"})).await;
        invalid(res, "parent_id", "unknown_reference").await;
        assert_eq!(list(&app, &format!("/org-units?agency_id={regency}"), &app.root).await["total"], 2);
    }
);

db_test!(
    async fn an_agency_admin_creates_units_in_its_own_agency(app) {
        let admin = app.agency_admin("1771").await;
        let own = app.agency("1771").await;
        let created = named_unit(&app, &admin.token, None, "bappeda", "Badan Perencanaan").await;
        assert_eq!((&created["agency_id"], &created["code"], &created["depth"]), (&json!(s(own)), &json!("BAPPEDA"), &json!(0)));
        let named = named_unit(&app, &admin.token, Some(own), "BPKAD", "Badan Keuangan").await;
        assert_eq!(named["agency_id"], json!(s(own)));
        let page = list(&app, &format!("/org-units?agency_id={own}"), &app.root).await;
        assert_eq!(page["total"], 2);
    }
);

// ---------------------------------------------------------------- positions

db_test!(
    async fn a_position_has_a_functional_level_exactly_when_it_is_functional(app) {
        let agency = app.agency("1771").await;
        let staff = position(&app, &app.root, Some(agency), "pengadm", "pelaksana", None).await;
        assert_eq!((&staff["code"], &staff["kind"], &staff["functional_level"], &staff["active"]), (&json!("PENGADM"), &json!("pelaksana"), &Value::Null, &json!(true)));
        assert_eq!(staff["agency_id"], json!(s(agency)));

        let res = app.post("/positions", Some(&app.root), json!({"agency_id": agency, "code": "PRWT", "title": "Perawat", "kind": "fungsional"})).await;
        invalid(res, "functional_level", "required").await;
        let res = app.post("/positions", Some(&app.root), json!({"agency_id": agency, "code": "KASI", "title": "Kepala Seksi", "kind": "pengawas", "functional_level": "mahir"})).await;
        invalid(res, "functional_level", "not_allowed").await;
        let res = app.post("/positions", Some(&app.root), json!({"agency_id": agency, "code": "PRWT", "title": "Perawat", "kind": "fungsional", "functional_level": "ahli_sekali"})).await;
        assert_eq!(problem(res, 422, "validation_failed").await["errors"][0]["field"], "functional_level");

        let nurse = position(&app, &app.root, Some(agency), "PRWT-AM", "fungsional", Some("ahli_muda")).await;
        assert_eq!((&nurse["kind"], &nurse["functional_level"]), (&json!("fungsional"), &json!("ahli_muda")));
        let id = nurse["id"].as_str().expect("id");
        let read = expect_json(app.get(&format!("/positions/{id}"), &app.root).await, 200).await;
        assert_eq!(read["functional_level"], "ahli_muda");

        // Changing the kind away from functional must drop the level in the same request.
        invalid(app.patch(&format!("/positions/{id}"), &app.root, json!({"kind": "pelaksana"})).await, "functional_level", "not_allowed").await;
        let got = expect_json(app.patch(&format!("/positions/{id}"), &app.root, json!({"kind": "pelaksana", "functional_level": null})).await, 200).await;
        assert_eq!((&got["kind"], &got["functional_level"]), (&json!("pelaksana"), &Value::Null));
        assert_eq!(list(&app, &format!("/positions?agency_id={agency}"), &app.root).await["total"], 2);
    }
);

db_test!(
    async fn position_codes_are_unique_lists_filter_by_kind_and_titles_can_change(app) {
        let agency = app.agency("1771").await;
        let regency = app.agency("1702").await;
        let staff = position(&app, &app.root, Some(agency), "PENGADM", "pelaksana", None).await;
        let nurse = position(&app, &app.root, Some(agency), "PRWT-AP", "fungsional", Some("ahli_pertama")).await;
        let head = position(&app, &app.root, Some(agency), "KADIS", "jpt_pratama", None).await;
        let id = |v: &Value| v["id"].as_str().expect("id").to_owned();

        let dup = problem(app.post("/positions", Some(&app.root), json!({"agency_id": agency, "code": "prwt-ap", "title": "Lagi", "kind": "pelaksana"})).await, 409, "duplicate_code").await;
        assert_eq!(dup["errors"][0]["field"], "code", "{dup}");
        position(&app, &app.root, Some(regency), "PRWT-AP", "fungsional", Some("ahli_pertama")).await;
        problem(app.patch(&format!("/positions/{}", id(&staff)), &app.root, json!({"code": "KADIS"})).await, 409, "duplicate_code").await;

        let functional = list(&app, &format!("/positions?agency_id={agency}&kind=fungsional"), &app.root).await;
        assert_eq!((functional["total"].as_u64(), ids(&functional)), (Some(1), vec![id(&nurse)]));
        let structural = list(&app, &format!("/positions?agency_id={agency}&kind=jpt_pratama"), &app.root).await;
        assert_eq!(ids(&structural), vec![id(&head)]);
        assert_eq!(list(&app, "/positions?kind=fungsional", &app.root).await["total"], 2);
        assert_eq!(problem(app.get("/positions?kind=menteri", &app.root).await, 422, "validation_failed").await["errors"][0]["field"], "kind");

        let got = expect_json(app.patch(&format!("/positions/{}", id(&nurse)), &app.root, json!({"title": "Perawat Ahli Pertama"})).await, 200).await;
        assert_eq!((&got["title"], &got["code"], &got["functional_level"]), (&json!("Perawat Ahli Pertama"), &json!("PRWT-AP"), &json!("ahli_pertama")));
        let read = expect_json(app.get(&format!("/positions/{}", id(&nurse)), &app.root).await, 200).await;
        assert_eq!(read["title"], "Perawat Ahli Pertama");
        let found = list(&app, &format!("/positions?agency_id={agency}&q=perawat"), &app.root).await;
        assert_eq!(ids(&found), vec![id(&nurse)]);
        let by_code = list(&app, &format!("/positions?agency_id={agency}&sort=-code"), &app.root).await;
        assert_eq!(column(&by_code, "code"), vec![json!("PRWT-AP"), json!("PENGADM"), json!("KADIS")]);

        let got = expect_json(app.patch(&format!("/positions/{}", id(&staff)), &app.root, json!({"active": false})).await, 200).await;
        assert_eq!(got["active"], false);
        let inactive = list(&app, &format!("/positions?agency_id={agency}&active=false"), &app.root).await;
        assert_eq!(ids(&inactive), vec![id(&staff)]);
    }
);

db_test!(
    async fn a_position_sits_only_in_a_unit_of_its_own_agency(app) {
        let agency = app.agency("1771").await;
        let regency = app.agency("1702").await;
        let own_unit = app.unit(&app.root, Some(agency), None, "DINKES").await;
        let foreign_unit = app.unit(&app.root, Some(regency), None, "DINKES").await;

        let res = app.post("/positions", Some(&app.root), json!({"agency_id": agency, "org_unit_id": foreign_unit, "code": "KADIS", "title": "Kepala Dinas", "kind": "jpt_pratama"})).await;
        invalid(res, "org_unit_id", "unknown_reference").await;

        let created = create(&app, "/positions", &app.root, json!({"agency_id": agency, "org_unit_id": own_unit, "code": "KADIS", "title": "Kepala Dinas", "kind": "jpt_pratama"})).await;
        assert_eq!(created["org_unit_id"], json!(s(own_unit)));
        let id = created["id"].as_str().expect("id");
        invalid(app.patch(&format!("/positions/{id}"), &app.root, json!({"org_unit_id": foreign_unit})).await, "org_unit_id", "unknown_reference").await;
        let read = expect_json(app.get(&format!("/positions/{id}"), &app.root).await, 200).await;
        assert_eq!(read["org_unit_id"], json!(s(own_unit)));

        position(&app, &app.root, Some(agency), "LOOSE", "pelaksana", None).await;
        let in_unit = list(&app, &format!("/positions?org_unit_id={own_unit}"), &app.root).await;
        assert_eq!(ids(&in_unit), vec![id.to_owned()]);
        // null takes it out of the unit.
        let got = expect_json(app.patch(&format!("/positions/{id}"), &app.root, json!({"org_unit_id": null})).await, 200).await;
        assert_eq!(got["org_unit_id"], Value::Null);
        assert_eq!(list(&app, &format!("/positions?org_unit_id={own_unit}"), &app.root).await["total"], 0);
    }
);

db_test!(
    async fn an_agency_admin_cannot_see_or_change_positions_of_another_agency(app) {
        let admin = app.agency_admin("1771").await;
        let own_agency = app.agency("1771").await;
        let regency = app.agency("1702").await;
        let foreign = position(&app, &app.root, Some(regency), "KADIS", "jpt_pratama", None).await;
        let foreign_id = foreign["id"].as_str().expect("id");
        let own = position(&app, &admin.token, None, "KADIS", "jpt_pratama", None).await;
        assert_eq!(own["agency_id"], json!(s(own_agency)));

        problem(app.get(&format!("/positions/{foreign_id}"), &admin.token).await, 404, "not_found").await;
        problem(app.patch(&format!("/positions/{foreign_id}"), &admin.token, json!({"title": "Diambil alih"})).await, 404, "not_found").await;
        let untouched = expect_json(app.get(&format!("/positions/{foreign_id}"), &app.root).await, 200).await;
        assert_eq!(untouched["title"], "Jabatan KADIS");

        let mine = list(&app, "/positions?per_page=200", &admin.token).await;
        assert_eq!((mine["total"].as_u64(), ids(&mine)), (Some(1), vec![own["id"].as_str().expect("id").to_owned()]));
        assert_eq!(list(&app, &format!("/positions?agency_id={regency}"), &admin.token).await["total"], 0);
        assert_eq!(list(&app, "/positions?q=kadis", &admin.token).await["total"], 1);

        let res = app.post("/positions", Some(&admin.token), json!({"agency_id": regency, "code": "NEW", "title": "Baru", "kind": "pelaksana"})).await;
        problem(res, 404, "not_found").await;
        let foreign_unit = app.unit(&app.root, Some(regency), None, "DINKES").await;
        let res = app.post("/positions", Some(&admin.token), json!({"org_unit_id": foreign_unit, "code": "NEW", "title": "Baru", "kind": "pelaksana"})).await;
        invalid(res, "org_unit_id", "unknown_reference").await;
        assert_eq!(list(&app, &format!("/positions?agency_id={regency}"), &app.root).await["total"], 1);
    }
);

// ---------------------------------------------------------------- roles

db_test!(
    async fn an_employee_reads_the_org_of_its_agency_but_may_not_change_it(app) {
        let agency = app.agency("1771").await;
        let regency = app.agency("1702").await;
        let unit = app.unit(&app.root, Some(agency), None, "DINKES").await;
        let foreign_unit = app.unit(&app.root, Some(regency), None, "DINKES").await;
        let post = position(&app, &app.root, Some(agency), "PENGADM", "pelaksana", None).await;
        position(&app, &app.root, Some(regency), "PENGADM", "pelaksana", None).await;
        let staff = app.create_user_direct("staff@test.local", Some(agency), vec![Role::Employee], None).await;

        let units = list(&app, "/org-units", &staff.token).await;
        assert_eq!(ids(&units), vec![s(unit)]);
        let positions = list(&app, "/positions", &staff.token).await;
        assert_eq!(ids(&positions), vec![post["id"].as_str().expect("id").to_owned()]);
        let agencies = list(&app, "/agencies", &staff.token).await;
        assert_eq!(ids(&agencies), vec![s(agency)]);
        expect_json(app.get(&format!("/org-units/{unit}"), &staff.token).await, 200).await;
        problem(app.get(&format!("/org-units/{foreign_unit}"), &staff.token).await, 404, "not_found").await;

        let res = app.post("/org-units", Some(&staff.token), json!({"code": "NEW", "name": "Baru", "kind": "agency"})).await;
        problem(res, 403, "forbidden").await;
        let res = app.post("/positions", Some(&staff.token), json!({"code": "NEW", "title": "Baru", "kind": "pelaksana"})).await;
        problem(res, 403, "forbidden").await;
        problem(app.patch(&format!("/org-units/{unit}"), &staff.token, json!({"name": "Diubah"})).await, 403, "forbidden").await;
        let post_id = post["id"].as_str().expect("id");
        problem(app.patch(&format!("/positions/{post_id}"), &staff.token, json!({"title": "Diubah"})).await, 403, "forbidden").await;
        problem(app.patch(&format!("/agencies/{agency}"), &staff.token, json!({"name": "Diubah"})).await, 403, "forbidden").await;
        assert_eq!(list(&app, &format!("/org-units?agency_id={agency}"), &app.root).await["total"], 1);
    }
);

db_test!(
    async fn units_report_how_many_children_they_have_for_lazy_trees(app) {
        let agency = app.agency("1771").await;
        let root = app.unit(&app.root, Some(agency), None, "ROOT").await;
        let child = app.unit(&app.root, Some(agency), Some(root), "ROOT.A").await;
        app.unit(&app.root, Some(agency), Some(root), "ROOT.B").await;
        app.unit(&app.root, Some(agency), Some(child), "ROOT.A.1").await;
        let one: Value = app.get(&format!("/org-units/{root}"), &app.root).await.json().await.expect("json");
        assert_eq!(one["child_count"], 2);
        let kids: Value = app.get(&format!("/org-units?parent_id={root}&sort=code"), &app.root).await.json().await.expect("json");
        let counts: Vec<(String, u64)> = kids["items"].as_array().expect("items").iter().map(|u| (u["code"].as_str().unwrap_or_default().to_owned(), u["child_count"].as_u64().unwrap_or(99))).collect();
        assert_eq!(counts, [("ROOT.A".to_owned(), 1), ("ROOT.B".to_owned(), 0)]);
    }
);
