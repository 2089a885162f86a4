//! Renders a one-page Chinese year-end statement and prints how long loading the fonts
//! and rendering took; writes the PDF to the path given as the first argument, if any.
//!
//! `cargo run --release -p artel-pdf --example statement -- /tmp/statement.pdf`

use std::error::Error;
use std::time::{Duration, Instant};

use artel_pdf::{Fonts, Section, Statement, render};

/// Renders measured after the first, which warms typst up.
const RENDERS: usize = 20;

fn main() -> Result<(), Box<dyn Error>> {
    let started = Instant::now();
    let fonts = Fonts::load(None)?;
    println!("fonts loaded in {} ms", started.elapsed().as_millis());

    let statement = year_end_statement();
    let started = Instant::now();
    let pdf = render(&statement, &fonts)?;
    println!("first render: {} ms", started.elapsed().as_millis());

    let mut times: Vec<Duration> = (0..RENDERS)
        .map(|_| {
            let started = Instant::now();
            render(&statement, &fonts).map(|_| started.elapsed())
        })
        .collect::<Result<_, _>>()?;
    times.sort();
    println!(
        "{RENDERS} renders: median {:.1} ms, fastest {:.1} ms, slowest {:.1} ms; {} bytes",
        milliseconds(times[RENDERS / 2]),
        milliseconds(times[0]),
        milliseconds(times[RENDERS - 1]),
        pdf.len()
    );
    if let Some(path) = std::env::args_os().nth(1) {
        std::fs::write(&path, &pdf)?;
        println!("written to {}", path.to_string_lossy());
    }
    Ok(())
}

fn milliseconds(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

fn texts(cells: &[&str]) -> Vec<String> {
    cells.iter().map(|cell| (*cell).to_owned()).collect()
}

fn year_end_statement() -> Statement {
    let work = [
        ["春耕", "35.5", "12.00", "426.00"],
        ["夏管", "18", "12.00", "216.00"],
        ["秋收", "20", "15.00", "300.00"],
        ["冬季水利", "12.5", "10.00", "125.00"],
    ];
    Statement {
        title: "社员年终分配结算单".to_owned(),
        subtitle: "红星农业生产合作社　社员：张三　年度：2024".to_owned(),
        sections: vec![
            Section {
                heading: "劳动日分配".to_owned(),
                columns: texts(&["项目", "劳动日", "单价", "金额"]),
                rows: work.iter().map(|row| texts(row)).collect(),
                total: Some(texts(&["合计", "86", "", "1067.00"])),
            },
            Section {
                heading: "股金".to_owned(),
                columns: texts(&["项目", "金额"]),
                rows: vec![
                    texts(&["入社股金", "1234.56"]),
                    texts(&["股金分红", "123.46"]),
                ],
                total: Some(texts(&["合计", "1358.02"])),
            },
            Section {
                heading: "应付社员".to_owned(),
                columns: texts(&["项目", "金额"]),
                rows: vec![
                    texts(&["劳动日分配", "1067.00"]),
                    texts(&["股金分红", "123.46"]),
                    texts(&["减：预支", "-300.00"]),
                ],
                total: Some(texts(&["实付", "890.46"])),
            },
        ],
        footer: "本结算单由合作社财务室出具，如有疑问请于三十日内提出。".to_owned(),
        lang: "zh".to_owned(),
    }
}
