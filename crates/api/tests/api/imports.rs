//! Bulk imports and exports: formats, validation with row and column, atomicity, skip mode,
//! idempotent re-runs, full sync and the export → import round trip.

use serde_json::{Value, json};

use crate::helpers::{TestApp, db_test, problem};

const HEADER: &str = "nip,employment_type,name,unit_code,position_code,supervisor_nip,email";

/// An agency admin of Kota Bengkulu with two units and a position to refer to.
async fn arrange(app: &TestApp) -> String {
    let admin = app.agency_admin("1771").await;
    let dinkes = app.unit(&admin.token, None, None, "DINKES").await;
    app.unit(&admin.token, None, Some(dinkes), "DINKES.PKM")
        .await;
    let res = app.post("/positions", Some(&admin.token), json!({"code": "PRWT", "title": "Perawat", "kind": "fungsional", "functional_level": "ahli_pertama"})).await;
    assert_eq!(res.status(), 201);
    admin.token
}

async fn upload(
    app: &TestApp,
    token: &str,
    kind: &str,
    query: &str,
    content_type: &str,
    body: Vec<u8>,
) -> reqwest::Response {
    app.client
        .post(app.url(&format!("/imports/{kind}?{query}")))
        .bearer_auth(token)
        .header("content-type", content_type)
        .body(body)
        .send()
        .await
        .expect("send")
}

async fn import_csv(app: &TestApp, token: &str, query: &str, csv: &str) -> Value {
    let res = upload(
        app,
        token,
        "employees",
        query,
        "text/csv",
        csv.as_bytes().to_vec(),
    )
    .await;
    assert_eq!(
        res.status(),
        200,
        "{}",
        res.text().await.unwrap_or_default()
    );
    res.json().await.expect("json")
}

fn counts(report: &Value) -> (i64, i64, i64, i64) {
    let n = |k: &str| report[k].as_i64().unwrap_or(-1);
    (n("created"), n("updated"), n("unchanged"), n("rejected"))
}

async fn total_employees(app: &TestApp, token: &str) -> u64 {
    app.get("/employees?per_page=1&status=active", token)
        .await
        .json::<Value>()
        .await
        .expect("json")["total"]
        .as_u64()
        .unwrap_or(0)
}

fn three_people() -> String {
    // The supervisor comes last: references may point forward in the file.
    format!(
        "{HEADER}\r\n\
         199001012015011001,pns,Budi Santoso,DINKES.PKM,PRWT,198001012005011001,budi@kotabengkulu.go.id\r\n\
         199202022016022002,pns,\"Siti, Aminah\",DINKES.PKM,,198001012005011001,\r\n\
         198001012005011001,pns,dr. Hendra,DINKES,,,\r\n"
    )
}

db_test!(
    async fn a_csv_commit_creates_rows_with_forward_supervisor_references_and_a_rerun_changes_nothing(app) {
        let token = arrange(&app).await;
        let first = import_csv(&app, &token, "mode=commit", &three_people()).await;
        assert_eq!(counts(&first), (3, 0, 0, 0), "{first}");
        assert_eq!(first["outcome"], "committed");
        assert_eq!(first["total_rows"], 3);
        assert_eq!(first["format"], "csv");
        assert_eq!(first["file_sha256"].as_str().map(str::len), Some(64));
        let list: Value = app.get("/employees?q=Budi", &token).await.json().await.expect("json");
        let budi = &list["items"][0];
        let chain: Value = app.get(&format!("/employees/{}/supervisor-chain", budi["id"].as_str().expect("id")), &token).await.json().await.expect("json");
        assert_eq!(chain[0]["nip"], "198001012005011001");
        assert_eq!(budi["position_title"], "Perawat");
        let siti: Value = app.get("/employees?q=aminah", &token).await.json().await.expect("json");
        assert_eq!(siti["items"][0]["name"], "Siti, Aminah");

        let again = import_csv(&app, &token, "mode=commit", &three_people()).await;
        assert_eq!(counts(&again), (0, 0, 3, 0), "{again}");
        let events: Value = app.get("/audit-events?entity_type=employee&per_page=200", &token).await.json().await.expect("json");
        assert_eq!(events["total"], 3, "a re-run writes no audit events");
    }
);

db_test!(
    async fn semicolons_a_bom_crlf_and_header_case_are_all_understood(app) {
        let token = arrange(&app).await;
        let csv = "\u{feff}NIP;Employment_Type;Name;Unit_Code;Colour\r\n199001012015011001;PNS;\"Budi; Santoso\";dinkes;red\r\n";
        let report = import_csv(&app, &token, "mode=commit", csv).await;
        assert_eq!(counts(&report), (1, 0, 0, 0), "{report}");
        assert_eq!(report["unknown_columns"], json!(["Colour"]));
        let list: Value = app.get("/employees?q=199001012015011001", &token).await.json().await.expect("json");
        assert_eq!(list["items"][0]["name"], "Budi; Santoso");
    }
);

db_test!(
    async fn an_xlsx_sheet_imports_like_a_csv(app) {
        let token = arrange(&app).await;
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        sheet.set_name("Pegawai").expect("name");
        for (r, row) in [["nip", "employment_type", "name", "unit_code", "birth_date"], ["199001012015011001", "pns", "Budi", "DINKES", "1990-01-01"]].iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                sheet.write_string(r as u32, c as u16, *v).expect("write");
            }
        }
        let bytes = book.save_to_buffer().expect("xlsx");
        let res = upload(&app, &token, "employees", "mode=commit&sheet=Pegawai", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", bytes.clone()).await;
        let report: Value = res.json().await.expect("json");
        assert_eq!(counts(&report), (1, 0, 0, 0), "{report}");
        assert_eq!(report["format"], "xlsx");
        let res = upload(&app, &token, "employees", "sheet=Nope", "application/octet-stream", bytes).await;
        problem(res, 422, "unknown_sheet").await;
    }
);

db_test!(
    async fn every_kind_of_bad_row_is_reported_with_its_row_and_column_and_an_atomic_commit_writes_nothing(app) {
        let token = arrange(&app).await;
        let csv = format!(
            "{HEADER},sex,birth_date,status,rank\r\n\
             199001012015011001,pns,Valid Person,DINKES,,,,,,,\r\n\
             19900101201501100,pns,Short Nip,DINKES,,,,,,,\r\n\
             199001012015011003,pns,,DINKES,,,,,,,\r\n\
             199001012015011004,robot,Bad Type,DINKES,,,,,,,\r\n\
             199001012015011005,pns,No Unit,NOPE,,,,,,,\r\n\
             199001012015011006,pns,No Position,DINKES,NOPE,,,,,,\r\n\
             199001012015011007,pns,No Boss,DINKES,,199901012020011009,,,,,\r\n\
             199001012015011008,pns,Self Boss,DINKES,,199001012015011008,,,,,\r\n\
             199001012015011009,pns,Bad Mail,DINKES,,,not-mail,,,,\r\n\
             199001012015011010,pns,Wrong Sex,DINKES,,,,female,,,\r\n\
             199001012015011011,pns,Bad Date,DINKES,,,,,01/01/1990,,\r\n\
             199001012015011012,pns,Bad Status,DINKES,,,,,,sleeping,\r\n\
             199001012015011013,pns,Bad Rank,DINKES,,,,,,,III/z\r\n\
             199001012015011001,pns,Twice,DINKES,,,,,,,\r\n\
             ,pns,No Nip,DINKES,,,,,,,\r\n"
        );
        let report = import_csv(&app, &token, "mode=commit", &csv).await;
        assert_eq!(report["outcome"], "rolled_back");
        assert_eq!(counts(&report).3, 14, "{report}");
        let got: Vec<(u64, String, String)> = report["errors"]
            .as_array()
            .expect("errors")
            .iter()
            .map(|e| (e["row"].as_u64().unwrap_or(0), e["column"].as_str().unwrap_or("").to_owned(), e["code"].as_str().unwrap_or("").to_owned()))
            .collect();
        let want: Vec<(u64, &str, &str)> = vec![
            (3, "nip", "nip_wrong_length"),
            (4, "name", "required"),
            (5, "employment_type", "unknown_value"),
            (6, "unit_code", "unknown_reference"),
            (7, "position_code", "unknown_reference"),
            (8, "supervisor_nip", "unknown_reference"),
            (9, "supervisor_nip", "self_supervision"),
            (10, "email", "invalid_email"),
            (11, "sex", "sex_mismatch"),
            (12, "birth_date", "invalid_date"),
            (13, "status", "unknown_value"),
            (14, "rank", "invalid_rank"),
            (15, "nip", "duplicate_in_file"),
            (16, "nip", "required"),
        ];
        assert_eq!(got, want.iter().map(|(r, c, k)| (*r, (*c).to_owned(), (*k).to_owned())).collect::<Vec<_>>());
        assert_eq!(total_employees(&app, &token).await, 0, "an atomic commit with rejected rows writes nothing");

        // The same file with on_error=skip writes the one valid row.
        let skipped = import_csv(&app, &token, "mode=commit&on_error=skip", &csv).await;
        assert_eq!(skipped["outcome"], "committed");
        assert_eq!(counts(&skipped), (1, 0, 0, 14));
        assert_eq!(total_employees(&app, &token).await, 1);

        // The error report is kept and downloadable as CSV.
        let id = report["id"].as_str().expect("id");
        let stored: Value = app.get(&format!("/imports/{id}"), &token).await.json().await.expect("json");
        assert_eq!(stored["errors"].as_array().map(Vec::len), Some(14));
        let res = app.client.get(app.url(&format!("/imports/{id}/errors"))).bearer_auth(&token).send().await.expect("send");
        assert!(res.headers()["content-type"].to_str().unwrap_or("").starts_with("text/csv"));
        let text = res.text().await.expect("text");
        assert!(text.contains("row,column,code,message"));
        assert!(text.contains("3,nip,nip_wrong_length"));
    }
);

db_test!(
    async fn a_dry_run_counts_without_writing_and_rows_whose_supervisor_was_rejected_are_rejected_too(app) {
        let token = arrange(&app).await;
        let csv = format!("{HEADER}\r\n199001012015011001,pns,Staff,DINKES,,198001012005011001,\r\n198001012005011001,pns,Head,DINKES,,,bad-mail\r\n199001012015011002,pns,Other,DINKES,,,\r\n");
        let report = import_csv(&app, &token, "mode=dry_run", &csv).await;
        assert_eq!(report["outcome"], "dry_run");
        assert_eq!(counts(&report), (1, 0, 0, 2), "{report}");
        let cascade = report["errors"].as_array().expect("errors").iter().find(|e| e["row"] == 2).cloned().expect("row 2 error");
        assert_eq!(cascade["column"], "supervisor_nip");
        assert_eq!(total_employees(&app, &token).await, 0);
    }
);

db_test!(
    async fn a_supervision_loop_inside_the_file_is_rejected(app) {
        let token = arrange(&app).await;
        let csv = format!("{HEADER}\r\n199001012015011001,pns,A,DINKES,,199001012015011002,\r\n199001012015011002,pns,B,DINKES,,199001012015011001,\r\n");
        let report = import_csv(&app, &token, "mode=dry_run", &csv).await;
        let codes: Vec<&str> = report["errors"].as_array().expect("errors").iter().filter_map(|e| e["code"].as_str()).collect();
        assert_eq!(codes, ["cycle", "cycle"]);
    }
);

db_test!(
    async fn changed_rows_are_updated_and_full_sync_deactivates_the_missing_ones(app) {
        let token = arrange(&app).await;
        import_csv(&app, &token, "mode=commit", &three_people()).await;
        let csv = format!("{HEADER}\r\n199001012015011001,pns,Budi Santoso Baru,DINKES.PKM,PRWT,198001012005011001,budi@kotabengkulu.go.id\r\n198001012005011001,pns,dr. Hendra,DINKES,,,\r\n");
        let dry = import_csv(&app, &token, "mode=dry_run&full_sync=true", &csv).await;
        assert_eq!((counts(&dry), dry["deactivated"].as_i64()), ((0, 1, 1, 0), Some(1)), "{dry}");
        let report = import_csv(&app, &token, "mode=commit&full_sync=true", &csv).await;
        assert_eq!((counts(&report), report["deactivated"].as_i64()), ((0, 1, 1, 0), Some(1)), "{report}");
        let siti: Value = app.get("/employees?q=aminah", &token).await.json().await.expect("json");
        assert_eq!(siti["items"][0]["status"], "inactive", "missing from the file, so made inactive (never deleted)");
        let budi: Value = app.get("/employees?q=199001012015011001", &token).await.json().await.expect("json");
        assert_eq!(budi["items"][0]["name"], "Budi Santoso Baru");
        let events: Value = app.get(&format!("/audit-events?entity_id={}", budi["items"][0]["id"].as_str().expect("id")), &token).await.json().await.expect("json");
        assert_eq!(events["items"][0]["action"], "import_update");
        assert_eq!(events["items"][0]["changes"]["name"], json!({"before": "Budi Santoso", "after": "Budi Santoso Baru"}));
    }
);

db_test!(
    async fn an_employee_of_another_agency_cannot_be_taken_over_by_import(app) {
        let token = arrange(&app).await;
        let other = app.agency_admin("1702").await;
        let unit = app.unit(&other.token, None, None, "SETDA").await;
        app.employee(&other.token, None, unit, "199001012015011001", "Milik Rejang Lebong", None).await;
        let csv = format!("{HEADER}\r\n199001012015011001,pns,Budi,DINKES,,,\r\n");
        let report = import_csv(&app, &token, "mode=commit", &csv).await;
        assert_eq!(report["errors"][0]["code"], "duplicate_nip");
        assert!(!report.to_string().contains("Rejang"), "the other agency is not revealed");
        let theirs: Value = app.get("/employees?q=199001012015011001", &other.token).await.json().await.expect("json");
        assert_eq!(theirs["items"][0]["name"], "Milik Rejang Lebong");
    }
);

db_test!(
    async fn export_then_import_is_a_no_op_for_every_kind_and_format(app) {
        let token = arrange(&app).await;
        import_csv(&app, &token, "mode=commit", &three_people()).await;
        for kind in ["org-units", "positions", "employees"] {
            for format in ["csv", "xlsx"] {
                let res = app.client.get(app.url(&format!("/{kind}/export?format={format}"))).bearer_auth(&token).send().await.expect("send");
                assert_eq!(res.status(), 200);
                let disposition = res.headers()["content-disposition"].to_str().unwrap_or("").to_owned();
                assert!(disposition.contains(&format!(".{format}")), "{disposition}");
                let bytes = res.bytes().await.expect("bytes").to_vec();
                let ct = if format == "csv" { "text/csv" } else { "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" };
                let report: Value = upload(&app, &token, kind, "mode=commit", ct, bytes).await.json().await.expect("json");
                let (created, updated, unchanged, rejected) = counts(&report);
                assert_eq!((created, updated, rejected), (0, 0, 0), "{kind} {format}: {report}");
                assert!(unchanged >= 1, "{kind} {format}: {report}");
            }
        }
    }
);

db_test!(
    async fn units_import_with_parents_by_code_and_positions_with_their_unit(app) {
        let token = arrange(&app).await;
        let units = "code,name,kind,parent_code,active\r\nDINKES.PKM.POLI,Poli Umum,division,DINKES.PKM,true\r\nBAPPEDA,Bappeda,agency,,\r\nBAPPEDA.P1,Bidang Perencanaan,division,BAPPEDA,ya\r\nX,Loop,division,X,\r\n";
        let res = upload(&app, &token, "org-units", "mode=commit&on_error=skip", "text/csv", units.as_bytes().to_vec()).await;
        let report: Value = res.json().await.expect("json");
        assert_eq!(counts(&report), (3, 0, 0, 1), "{report}");
        assert_eq!(report["errors"][0]["column"], "parent_code");
        let tree: Value = app.get("/org-units?q=BAPPEDA.P1", &token).await.json().await.expect("json");
        assert_eq!(tree["items"][0]["depth"], 1);
        let positions = "code,title,kind,functional_level,unit_code\r\nKASI,Kepala Seksi,pengawas,,BAPPEDA.P1\r\nJF,Perencana,fungsional,,\r\n";
        let res = upload(&app, &token, "positions", "mode=commit&on_error=skip", "text/csv", positions.as_bytes().to_vec()).await;
        let report: Value = res.json().await.expect("json");
        assert_eq!(counts(&report), (1, 0, 0, 1), "{report}");
        assert_eq!((report["errors"][0]["row"].as_u64(), report["errors"][0]["column"].as_str()), (Some(3), Some("functional_level")));
    }
);

db_test!(
    async fn unusable_files_are_problems_naming_what_is_wrong(app) {
        let token = arrange(&app).await;
        let res = upload(&app, &token, "employees", "", "text/csv", b"name,unit_code\r\nBudi,DINKES\r\n".to_vec()).await;
        let body = problem(res, 422, "invalid_header").await;
        let missing: Vec<&str> = body["errors"].as_array().expect("errors").iter().filter_map(|e| e["column"].as_str()).collect();
        assert_eq!(missing, ["nip", "employment_type"]);
        assert_eq!(body["errors"][0]["row"], 1);
        problem(upload(&app, &token, "employees", "", "text/csv", Vec::new()).await, 422, "empty_file").await;
        problem(upload(&app, &token, "employees", "", "text/csv", b"nip,employment_type,name,unit_code\r\n\xff\xfe,pns,x,y\r\n".to_vec()).await, 422, "invalid_encoding").await;
        problem(upload(&app, &token, "employees", "", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", b"PK\x03\x04 not really".to_vec()).await, 422, "unreadable_xlsx").await;
        problem(upload(&app, &token, "salaries", "", "text/csv", b"a\r\n".to_vec()).await, 404, "not_found").await;
        let list: Value = app.get("/imports", &token).await.json().await.expect("json");
        assert_eq!(list["total"], 0, "a file that cannot be read is not recorded as an import");
    }
);

db_test!(
    async fn imports_and_templates_are_scoped_and_admin_only(app) {
        let token = arrange(&app).await;
        import_csv(&app, &token, "mode=dry_run", &three_people()).await;
        let other = app.agency_admin("1702").await;
        let theirs: Value = app.get("/imports", &other.token).await.json().await.expect("json");
        assert_eq!(theirs["total"], 0);
        let mine: Value = app.get("/imports", &token).await.json().await.expect("json");
        let id = mine["items"][0]["id"].as_str().expect("id").to_owned();
        problem(app.get(&format!("/imports/{id}"), &other.token).await, 404, "not_found").await;
        let agency = app.agency("1771").await;
        let staff = app.create_user_direct("staff@test.local", Some(agency), vec![pembina_domain::accounts::Role::Employee], None).await;
        problem(upload(&app, &staff.token, "employees", "", "text/csv", three_people().into_bytes()).await, 403, "forbidden").await;
        let template = app.client.get(app.url("/imports/employees/template")).bearer_auth(&token).send().await.expect("send").text().await.expect("text");
        assert!(template.starts_with("\u{feff}nip,employment_type,name"), "{template}");
        // A template, filled in, imports.
        let report = import_csv(&app, &token, "mode=dry_run", &template).await;
        assert_eq!(report["total_rows"], 1);
    }
);
