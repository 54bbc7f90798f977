//! Reading the configuration: defaults, precedence, and one named setting per bad value.

use super::*;
use chrono::NaiveDate;

/// The configuration with these environment variables set.
fn load(vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
    load_args(&ConfigArgs::default(), vars)
}

fn load_args(args: &ConfigArgs, vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
    let args = vars.iter().fold(args.clone(), |args, (name, value)| args.with(name, value));
    Config::load(&args)
}

#[test]
fn a_blank_variable_counts_as_not_set() {
    let config = load(&[("BAOCAO_PLACE", "  "), ("BAOCAO_ADMINS", "")]).unwrap();
    let office = crate::domain::office::Office {
        subjects: config.office.subjects.clone(),
        ..crate::domain::office::Office::default()
    };
    assert_eq!(config.office, office);
    assert!(config.admins.is_empty());
}

proptest::proptest! {
    #[test]
    fn any_environment_value_is_accepted_or_named_without_panic(value in proptest::prelude::any::<String>()) {
        for name in ["TELOXIDE_TOKEN", "BAOCAO_ADMINS", "BAOCAO_TIMEZONE", "TELOXIDE_API_URL", "BAOCAO_LANG", "BAOCAO_INVITE_EXPIRY", "BAOCAO_BOT_USERNAME"] {
            if let Err(e) = load(&[(name, value.as_str())]) {
                proptest::prop_assert_eq!(e.setting, name);
            }
        }
    }

    #[test]
    fn any_toml_file_is_accepted_or_refused_without_panic(text in proptest::prelude::any::<String>()) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("baocao.toml");
        std::fs::write(&path, &text).unwrap();
        let args = ConfigArgs { config: Some(path), ..ConfigArgs::default() };
        let _ = load_args(&args, &[]);
    }
}

#[test]
fn defaults_are_the_documented_ones() {
    let config = load(&[]).unwrap();
    assert_eq!(config.database, PathBuf::from("baocao.db"));
    assert_eq!(config.timezone, chrono_tz::Asia::Ho_Chi_Minh);
    assert!(config.admins.is_empty());
    assert_eq!(config.require_token().unwrap_err().setting, "TELOXIDE_TOKEN");
}

#[test]
fn token_is_taken_from_either_variable_and_never_shown() {
    let config = load(&[("BAOCAO_TOKEN", "123456:ABCdef_ghi-jkl")]).unwrap();
    let token = config.require_token().unwrap();
    assert_eq!(token.expose(), "123456:ABCdef_ghi-jkl");
    assert_eq!(token.to_string(), "123456:****");
    assert!(!format!("{config:?}").contains("ABCdef"));
    assert!(config.describe().iter().all(|(_, v)| !v.contains("ABCdef")));
}

#[test]
fn each_bad_value_names_its_setting() {
    let cases = [
        ("TELOXIDE_TOKEN", "not a token"),
        ("BAOCAO_ADMINS", "12,abc"),
        ("BAOCAO_TIMEZONE", "Mars/Olympus"),
        ("TELOXIDE_API_URL", "ftp://x"),
        ("BAOCAO_LANG", "fr"),
        ("BAOCAO_INVITE_EXPIRY", "forever"),
        ("BAOCAO_BOT_USERNAME", "a b"),
    ];
    for (setting, value) in cases {
        let err = load(&[(setting, value)]).unwrap_err();
        assert_eq!(err.setting, setting, "{setting}={value}");
    }
}

#[test]
fn admins_list_is_parsed() {
    let config = load(&[("BAOCAO_ADMINS", " 123, 456 ,")]).unwrap();
    assert_eq!(config.admins, vec![123, 456]);
    assert!(config.is_admin(456));
}

#[test]
fn file_values_apply_and_command_line_wins() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("baocao.toml");
    std::fs::write(&path, "database = \"file.db\"\nadmins = [7]\nplace = \"Điện Biên\"\n").unwrap();
    let args = ConfigArgs {
        config: Some(path.clone()),
        database: Some("cli.db".into()),
        ..ConfigArgs::default()
    };
    let config = load_args(&args, &[]).unwrap();
    assert_eq!(config.database, PathBuf::from("cli.db"));
    assert_eq!(config.admins, vec![7]);
    assert_eq!(config.office.place, "Điện Biên");
}

#[test]
fn a_template_in_the_file_is_added_and_a_bad_one_stops_the_start() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("baocao.toml");
    let good = "[[templates]]\nkey = \"ngan\"\nvi = \"Ngắn\"\nen = \"Short\"\n[[templates.questions]]\nkey = \"a\"\nvi = \"Có?\"\nen = \"Yes?\"\nkind = \"yes_no\"\n";
    std::fs::write(&path, good).unwrap();
    let args = ConfigArgs { config: Some(path.clone()), ..ConfigArgs::default() };
    let config = load_args(&args, &[]).unwrap();
    assert!(config.template("ngan").is_some() && config.template("thi-dua").is_some());
    std::fs::write(&path, good.replace("kind = \"yes_no\"", "kind = \"text\"\nmax_len = 0"))
        .unwrap();
    let err = load_args(&args, &[]).unwrap_err();
    assert_eq!(err.setting, "templates");
    assert!(err.render(Lang::Vi).contains("ngan"));
}

#[test]
fn a_bad_cron_expression_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("baocao.toml");
    std::fs::write(&path, "[schedule]\nreminder_sweep = \"0 8 * * 1-5\"\n").unwrap();
    let args = ConfigArgs { config: Some(path.clone()), ..ConfigArgs::default() };
    let err = load_args(&args, &[]).unwrap_err();
    assert_eq!(err.setting, "schedule.reminder_sweep");
    assert!(err.render(Lang::Vi).contains("0 8 * * 1-5"));
    std::fs::write(&path, "[schedule]\nholidays = [\"2021-09-02\", \"03/09/2021\"]\n[[series]]\nkey = \"h1\"\ncron = \"0 0 7 1 6 *\"\nkind = \"semiannual\"\n").unwrap();
    let config = load_args(&args, &[]).unwrap();
    assert_eq!(config.schedule.calendar.holidays.len(), 2);
    assert_eq!(config.schedule.series[0].key, "h1");
}

#[test]
fn working_days_and_make_up_days_are_read_and_bad_ones_named() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("baocao.toml");
    let args = ConfigArgs { config: Some(path.clone()), ..ConfigArgs::default() };
    std::fs::write(&path, "[schedule]\nworking_days = [\"T2\", \"tue\", \"Wed\", \"thu\", \"fri\", \"T7\"]\nmake_up_days = [\"04/01/2025\"]\n").unwrap();
    let calendar = load_args(&args, &[]).unwrap().schedule.calendar;
    let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    assert!(calendar.is_working_day(day("2025-01-11")), "Saturdays are worked");
    assert!(!calendar.is_working_day(day("2025-01-12")), "Sundays are not");
    assert!(calendar.make_up_days.contains(&day("2025-01-04")));
    for bad in
        ["working_days = [\"Thứ Hai\"]", "working_days = []", "make_up_days = [\"31/02/2025\"]"]
    {
        std::fs::write(&path, format!("[schedule]\n{bad}\n")).unwrap();
        let err = load_args(&args, &[]).unwrap_err();
        assert!(
            err.setting.starts_with("schedule.") && bad.starts_with(&err.setting[9..]),
            "{bad}: {}",
            err.setting
        );
    }
}

#[test]
fn unknown_key_in_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("baocao.toml");
    std::fs::write(&path, "databse = \"typo.db\"\n").unwrap();
    let args = ConfigArgs { config: Some(path), ..ConfigArgs::default() };
    let err = load_args(&args, &[]).unwrap_err();
    assert_eq!(err.setting, "BAOCAO_CONFIG");
    assert!(err.render(Lang::En).contains("databse"));
}

#[test]
fn the_token_is_never_a_flag_and_never_shown_by_the_arguments() {
    use clap::Parser;
    let refused = crate::cli::Cli::try_parse_from(["baocao", "--token", "123456:ABCdef", "run"]);
    assert!(refused.is_err(), "no --token flag: it would show in the process list");
    let args = ConfigArgs::default().with("TELOXIDE_TOKEN", "123456:ABCdef_secret");
    assert!(!format!("{args:?}").contains("ABCdef"));
    assert_eq!(
        Config::load(&args).unwrap().require_token().unwrap().expose(),
        "123456:ABCdef_secret"
    );
}

#[test]
fn the_signer_takes_line_breaks_and_defaults_by_the_level_of_the_office() {
    let config = load(&[("BAOCAO_OFFICE_SIGNER", "KT. GIÁM ĐỐC\\nPHÓ GIÁM ĐỐC")]).unwrap();
    assert_eq!(config.office.signer_lines(), ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]);
    let describe = config.describe();
    let signer = describe.iter().find(|(k, _)| *k == "office.signer").unwrap();
    assert_eq!(signer.1, "KT. GIÁM ĐỐC\\nPHÓ GIÁM ĐỐC", "one line in `config check`");
    let commune = load(&[
        ("BAOCAO_OFFICE_PARENT", "UBND XÃ CHIỀNG SINH"),
        ("BAOCAO_OFFICE_NAME", "VĂN PHÒNG HĐND VÀ UBND"),
    ])
    .unwrap();
    assert_eq!(commune.office.level, crate::domain::office::OfficeLevel::Commune);
    assert_eq!(commune.office.signer, "CHÁNH VĂN PHÒNG");
    assert_eq!(commune.office.section, "VP");
    assert_eq!(commune.awards.individual[0].vi, "Lao động tiên tiến");
    let province = load(&[("BAOCAO_OFFICE_LEVEL", "tỉnh")]).unwrap();
    assert_eq!(
        (province.office.signer.as_str(), province.office.section.as_str()),
        ("GIÁM ĐỐC", "TĐKT")
    );
    assert_eq!(
        load(&[("BAOCAO_OFFICE_LEVEL", "huyện")]).unwrap_err().setting,
        "BAOCAO_OFFICE_LEVEL"
    );
}

#[test]
fn the_office_sets_its_recipients_section_and_awards_in_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("baocao.toml");
    let text = r#"
[office]
signer = """
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH"""
recipients = ["UBND tỉnh (để báo cáo)", "Ban Thi đua – Khen thưởng tỉnh"]
section = "VHXH"
level = "commune"

[awards]
individual = [ { key = "ldtt", vi = "Lao động tiên tiến", en = "Advanced worker" } ]
"#;
    std::fs::write(&path, text).unwrap();
    let args = ConfigArgs { config: Some(path.clone()), ..ConfigArgs::default() };
    let config = load_args(&args, &[]).unwrap();
    assert_eq!(config.office.signer_lines(), ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]);
    assert_eq!(config.office.recipient_lines().len(), 2);
    assert_eq!(config.office.section, "VHXH");
    assert_eq!(config.awards.individual.len(), 1);
    assert_eq!(config.awards.collective[0].vi, "Thôn, tổ dân phố văn hóa", "the level's default");
    // The templates' award fields carry the office's list.
    let year = config.template("tong-ket-nam").unwrap();
    let list = year.questions.iter().find(|q| q.key == "khen_ca_nhan").unwrap();
    let (fields, award) = crate::domain::nominee::award_field(list).unwrap();
    assert_eq!(fields[award].options, config.awards.individual);
    // The environment wins over the file, one recipient a line.
    let config = load_args(&args, &[("BAOCAO_OFFICE_RECIPIENTS", "Như trên\\nLưu hồ sơ")]).unwrap();
    assert_eq!(config.office.recipient_lines(), ["Như trên", "Lưu hồ sơ"]);
    std::fs::write(&path, "[awards]\ncollective = []\n").unwrap();
    assert_eq!(load_args(&args, &[]).unwrap_err().setting, "awards");
}

#[test]
fn backups_are_off_without_a_directory_and_metrics_off_unless_asked() {
    let config = load(&[]).unwrap();
    assert!(config.backup.is_none() && !config.metrics);
    let shown: std::collections::HashMap<_, _> = config.describe().into_iter().collect();
    assert_eq!((shown["backup.dir"].as_str(), shown["backup.at"].as_str()), ("off", "02:30"));
    assert_eq!((shown["backup.keep"].as_str(), shown["metrics"].as_str()), ("14", "off"));
    let config = load(&[("BAOCAO_BACKUP_DIR", "/var/backups/baocao")]).unwrap();
    let backup = config.backup.unwrap();
    assert_eq!((backup.at.to_string().as_str(), backup.keep), ("02:30:00", 14));
    assert_eq!(backup.cron.source(), "0 30 2 * * *");
    let config = load(&[
        ("BAOCAO_BACKUP_DIR", "/var/backups/baocao"),
        ("BAOCAO_BACKUP_AT", "3:15"),
        ("BAOCAO_BACKUP_KEEP", "7"),
        ("BAOCAO_METRICS", "on"),
    ])
    .unwrap();
    let backup = config.backup.as_ref().unwrap();
    assert_eq!((backup.cron.source(), backup.keep), ("0 15 3 * * *", 7));
    assert!(config.metrics);
    let shown: std::collections::HashMap<_, _> = config.describe().into_iter().collect();
    assert_eq!(shown["backup.dir"], "/var/backups/baocao");
    assert_eq!((shown["backup.at"].as_str(), shown["metrics"].as_str()), ("03:15", "on"));
}

#[test]
fn a_bad_backup_time_or_count_or_metrics_switch_is_named() {
    let cases = [
        ("BAOCAO_BACKUP_AT", "25:00"),
        ("BAOCAO_BACKUP_AT", "2h30"),
        ("BAOCAO_BACKUP_KEEP", "0"),
        ("BAOCAO_BACKUP_KEEP", "mười"),
        ("BAOCAO_METRICS", "maybe"),
    ];
    for (setting, value) in cases {
        // Refused also while backups are off: a typo is not kept for the day they are turned on.
        assert_eq!(load(&[(setting, value)]).unwrap_err().setting, setting, "{setting}={value}");
    }
}

#[test]
fn backups_and_metrics_are_set_in_the_file_and_the_environment_wins() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("baocao.toml");
    std::fs::write(
        &path,
        "metrics = true\n[backup]\ndir = \"sao-luu\"\nat = \"01:00\"\nkeep = 3\n",
    )
    .unwrap();
    let args = ConfigArgs { config: Some(path.clone()), ..ConfigArgs::default() };
    let config = load_args(&args, &[]).unwrap();
    let backup = config.backup.as_ref().unwrap();
    assert_eq!((backup.dir.as_path(), backup.keep), (std::path::Path::new("sao-luu"), 3));
    assert_eq!(backup.cron.source(), "0 0 1 * * *");
    assert!(config.metrics);
    let config =
        load_args(&args, &[("BAOCAO_BACKUP_KEEP", "30"), ("BAOCAO_METRICS", "off")]).unwrap();
    assert_eq!(config.backup.unwrap().keep, 30);
    assert!(!config.metrics);
    std::fs::write(&path, "[backup]\ndirectory = \"sao-luu\"\n").unwrap();
    assert_eq!(load_args(&args, &[]).unwrap_err().setting, "BAOCAO_CONFIG", "unknown key refused");
}

#[test]
fn the_consoles_networks_are_read_and_a_wrong_one_is_named() {
    let config = load(&[("BAOCAO_CONSOLE_FROM", "10.0.0.0/8, 192.168.1.7 ::1")]).unwrap();
    let web = config.web.unwrap();
    assert!(web.console_answers("10.9.8.7".parse().unwrap()));
    assert!(web.console_answers("192.168.1.7".parse().unwrap()));
    assert!(web.console_answers("::1".parse().unwrap()));
    assert!(!web.console_answers("192.168.1.8".parse().unwrap()));
    let open = load(&[]).unwrap().web.unwrap();
    assert!(open.console_answers("203.0.113.9".parse().unwrap()), "everyone by default");
    let wrong = load(&[("BAOCAO_CONSOLE_FROM", "10.0.0.0/8, văn phòng")]).unwrap_err();
    assert_eq!(wrong.setting, "BAOCAO_CONSOLE_FROM");
}
