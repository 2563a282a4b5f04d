//! The player's own words (buttons, headings, announcements) in the student's
//! language. The language is `?lang=` when the player speaks it, otherwise the first
//! of the browser's preferred languages it speaks, otherwise English. Scenario text
//! comes from the scenario's translation file (`firstshift_scenario::translate`);
//! this table only holds the player's words.
//!
//! Keys are the English text itself, so the English stays readable at each call
//! site; a phrase with no entry shows in English. `xtask`'s tests check that every
//! `tr("...")` and `trf("...")` in the player has a Spanish entry.

use std::cell::Cell;
use std::fmt::Display;

/// The player's language is one the models speak too (`firstshift_core::Language`).
pub use firstshift_core::Language as Lang;

thread_local! {
    static LANG: Cell<Lang> = const { Cell::new(Lang::English) };
}

/// The languages the player speaks, by code.
pub const SPOKEN: &[&str] = &["en", "es"];

/// Decides the language once, at start-up, and marks the page with it: `?lang=`,
/// then the LMS's learner preference (`lms`, from cmi5), then the browser's.
pub fn init(lms: Option<&str>) -> Lang {
    let from_url = crate::dom::query("lang")
        .and_then(|l| Lang::from_code(&l))
        .or_else(|| lms.and_then(Lang::from_code));
    let from_browser = || {
        let navigator = web_sys::window()?.navigator();
        navigator
            .languages()
            .iter()
            .filter_map(|l| l.as_string())
            .find_map(|l| Lang::from_code(&l))
    };
    let lang = from_url.or_else(from_browser).unwrap_or(Lang::English);
    LANG.with(|l| l.set(lang));
    if let Some(html) = crate::dom::document().document_element() {
        let _ = html.set_attribute("lang", lang.code());
    }
    lang
}

pub fn current() -> Lang {
    LANG.with(Cell::get)
}

/// The phrase in the current language.
pub fn tr(english: &'static str) -> &'static str {
    lookup(english).unwrap_or(english)
}

/// A phrase decided at run time (a cluster's or a practice's name).
pub fn tr_dynamic(english: &str) -> String {
    SPANISH
        .iter()
        .find(|(en, _)| *en == english)
        .filter(|_| current() == Lang::Spanish)
        .map_or_else(|| english.to_string(), |(_, es)| (*es).to_string())
}

/// A phrase with `{}` slots, filled in order: `trf("Step {}", &[&3])`.
pub fn trf(english: &'static str, args: &[&dyn Display]) -> String {
    firstshift_core::language::fill_slots(tr(english), args)
}

fn lookup(english: &str) -> Option<&'static str> {
    match current() {
        Lang::English => None,
        Lang::Spanish => SPANISH
            .iter()
            .find(|(en, _)| *en == english)
            .map(|(_, es)| *es),
    }
}

/// English → Spanish.
const SPANISH: &[(&str, &str)] = &[
    // Screens and landmarks.
    ("Loading", "Cargando"),
    ("Loading…", "Cargando…"),
    ("Opening {}…", "Abriendo {}…"),
    ("Checking {}…", "Revisando {}…"),
    ("Choose a scenario", "Elige un escenario"),
    ("Continue", "Continuar"),
    ("Debrief", "Resumen"),
    ("Scenario", "Escenario"),
    ("Status", "Estado"),
    ("Progress", "Progreso"),
    ("Progress ", "Progreso "),
    ("Clock ", "Reloj "),
    ("Pause", "Pausa"),
    ("Resume", "Reanudar"),
    ("Restart", "Reiniciar"),
    ("Your choices", "Tus opciones"),
    (
        "Tip: press the number of a choice on your keyboard.",
        "Consejo: pulsa el número de una opción en el teclado.",
    ),
    (
        "Text mode: the scene is left out, and everything is shown as text.",
        "Modo texto: la escena no se muestra y todo aparece como texto.",
    ),
    (
        "The scene: your role, the setting, the clock and your progress (described next to it)",
        "La escena: tu papel, el lugar, el reloj y tu progreso (descritos al lado)",
    ),
    (
        "The patient's bedside monitor (described in the Patient monitor section)",
        "El monitor del paciente (descrito en la sección Monitor del paciente)",
    ),
    (
        "The production line: stations, buffers and KPIs (described in the Production board section)",
        "La línea de producción: estaciones, colas e indicadores (descritos en la sección Tablero de producción)",
    ),
    (
        "The business: cash in the bank over the days and each product's shelf (described in the Business board section)",
        "El negocio: el dinero en el banco día a día y las existencias de cada producto (descritos en la sección Tablero del negocio)",
    ),
    ("Open in a new tab", "Abrir en una pestaña nueva"),
    // The simulations' panels (the models say their own sentences).
    ("Patient monitor", "Monitor del paciente"),
    ("What you found", "Lo que encontraste"),
    (
        "Everything you have found ({})",
        "Todo lo que has encontrado ({})",
    ),
    ("Production board", "Tablero de producción"),
    ("Stations, in flow order", "Estaciones, en orden de flujo"),
    ("Business board", "Tablero del negocio"),
    (
        "Your choices are no longer reaching your teacher's server: {}.",
        "Tus decisiones ya no llegan al servidor de tu docente: {}.",
    ),
    (
        "The server cannot be reached just now. Keep playing: your choices are kept and sent when it can.",
        "Ahora no se puede conectar con el servidor. Sigue jugando: tus decisiones se guardan y se envían cuando se pueda.",
    ),
    ("On the shelf", "En el estante"),
    (
        "Each day's figures, and the cash in the bank after it",
        "Las cifras de cada día y el dinero en el banco después",
    ),
    // The catalog.
    ("Try a career", "Prueba una profesión"),
    (
        "Step into a job for a few minutes. Make the calls a professional makes, then see how you did and why.",
        "Ponte en el lugar de un profesional durante unos minutos. Toma las decisiones que toma, y luego mira cómo lo hiciste y por qué.",
    ),
    ("{} min · {}", "{} min · {}"),
    ("Choose a scenario.", "Elige un escenario."),
    ("Introductory", "Inicial"),
    ("Intermediate", "Intermedio"),
    ("Advanced", "Avanzado"),
    ("Advanced Manufacturing", "Manufactura avanzada"),
    ("Agriculture", "Agricultura"),
    (
        "Arts, Entertainment & Design",
        "Artes, entretenimiento y diseño",
    ),
    ("Construction", "Construcción"),
    ("Digital Technology", "Tecnología digital"),
    ("Education", "Educación"),
    ("Energy & Natural Resources", "Energía y recursos naturales"),
    ("Financial Services", "Servicios financieros"),
    ("Healthcare & Human Services", "Salud y servicios humanos"),
    (
        "Hospitality, Events & Tourism",
        "Hostelería, eventos y turismo",
    ),
    ("Management & Entrepreneurship", "Gestión y emprendimiento"),
    ("Marketing & Sales", "Marketing y ventas"),
    ("Public Service & Safety", "Servicio público y seguridad"),
    (
        "Supply Chain & Transportation",
        "Cadena de suministro y transporte",
    ),
    // Resuming.
    (
        "You have a run in progress ({} choices made). Continue where you left off?",
        "Tienes una partida a medias ({} decisiones tomadas). ¿Quieres seguir donde lo dejaste?",
    ),
    ("Start over", "Empezar de nuevo"),
    // Playing.
    ("Your role: {}. {}", "Tu papel: {}. {}"),
    ("Step {}", "Paso {}"),
    (
        "Meanwhile, at {}, things moved on without you:",
        "Mientras tanto, a las {}, la situación siguió sin ti:",
    ),
    ("Time is up ({}).", "Se acabó el tiempo ({})."),
    ("Paused", "En pausa"),
    ("Finished", "Terminado"),
    (
        "Paused. The clock has stopped.",
        "En pausa. El reloj se ha detenido.",
    ),
    ("Resumed.", "Reanudado."),
    ("That did not work: {}", "No se pudo hacer: {}"),
    // The debrief.
    ("Debrief: {}", "Resumen: {}"),
    ("Ending: {}", "Final: {}"),
    (
        "The run stopped before an ending.",
        "La partida terminó antes de llegar a un final.",
    ),
    ("Passed", "Aprobado"),
    ("Not passed yet", "Todavía no aprobado"),
    (
        "Checked: the choices kept with this run earn this score. It shows what was chosen in this browser, not who chose it; a grade comes from your teacher's LMS.",
        "Comprobado: las decisiones guardadas con esta partida obtienen esta puntuación. Muestra lo que se eligió en este navegador, no quién lo eligió; una calificación viene de la plataforma (LMS) de tu docente.",
    ),
    (
        "This record had been changed since the run: the score shown is the one its choices earn.",
        "Este registro se había cambiado después de la partida: la puntuación que se muestra es la que obtienen sus decisiones.",
    ),
    (
        "Not checked: this record could not be scored again, so its score is only what this browser kept.",
        "Sin comprobar: este registro no se pudo puntuar de nuevo, así que su puntuación es solo lo que guardó este navegador.",
    ),
    ("Checking your runs…", "Comprobando tus partidas…"),
    (
        "Each run's score is worked out again from the choices kept with it. It shows what was chosen in this browser, not who chose it; a grade comes from your teacher's LMS.",
        "La puntuación de cada partida se calcula de nuevo a partir de las decisiones guardadas con ella. Muestra lo que se eligió en este navegador, no quién lo eligió; una calificación viene de la plataforma (LMS) de tu docente.",
    ),
    ("(checked)", "(comprobada)"),
    (
        "(corrected: the record had been changed)",
        "(corregida: el registro se había cambiado)",
    ),
    ("(not checked)", "(sin comprobar)"),
    (
        "Saved. Your reflection was sent to your course.",
        "Guardado. Tu reflexión se envió a tu curso.",
    ),
    (
        "Score: {}% — {} (pass mark {}%)",
        "Puntuación: {} % — {} (nota para aprobar: {} %)",
    ),
    ("Critical actions missed", "Acciones críticas que faltaron"),
    ("Scores by area", "Puntuación por área"),
    ("Area", "Área"),
    ("Score", "Puntuación"),
    ("How each part was scored", "Cómo se puntuó cada parte"),
    ("Not shown", "No demostrado"),
    ("{} — {} of {} points", "{} — {} de {} puntos"),
    ("What counted", "Lo que contó"),
    ("At {}: {}", "A los {}: {}"),
    ("Actions that cost points", "Acciones que restaron puntos"),
    ("{} (−{} points)", "{} (−{} puntos)"),
    ("What you did", "Lo que hiciste"),
    ("Time", "Hora"),
    ("The chart's data as a table", "Los datos del gráfico en una tabla"),
    (
        "Each numbered line is one of your choices, numbered as in “What you did”.",
        "Cada línea numerada es una de tus decisiones, con el mismo número que en «Lo que hiciste».",
    ),
    (
        "Career-Ready Practices you showed",
        "Prácticas profesionales que demostraste",
    ),
    ("Play again", "Jugar otra vez"),
    ("Download my run", "Descargar mi partida"),
    ("Choose another scenario", "Elegir otro escenario"),
    (
        "Finished. Score {}%. {}.",
        "Terminado. Puntuación: {} %. {}.",
    ),
    // About the career.
    ("About this career: {}", "Sobre esta profesión: {}"),
    ("Typical tasks", "Tareas habituales"),
    ("How people get into it", "Cómo se llega a ella"),
    ("Related careers", "Profesiones relacionadas"),
    ("In figures", "En cifras"),
    ("What", "Qué"),
    ("Figure", "Cifra"),
    ("Source and year", "Fuente y año"),
    // Reflection, profile and portfolio.
    ("Reflect", "Reflexiona"),
    (
        "Your answers are kept in this browser for your career profile, and sent to your class's learning system if it started this scenario. Nobody else sees them.",
        "Tus respuestas se guardan en este navegador para tu perfil profesional, y se envían a la plataforma de tu clase si fue ella la que abrió este escenario. Nadie más las ve.",
    ),
    (
        "How interested are you in this career now?",
        "¿Cuánto te interesa ahora esta profesión?",
    ),
    ("1 — not at all", "1 — nada"),
    ("2", "2"),
    ("3 — somewhat", "3 — algo"),
    ("4", "4"),
    ("5 — very", "5 — mucho"),
    ("What surprised you?", "¿Qué te sorprendió?"),
    (
        "Which skill do you want to build?",
        "¿Qué habilidad quieres desarrollar?",
    ),
    ("Choose one", "Elige una"),
    ("Save my reflection", "Guardar mi reflexión"),
    (
        "Answer at least one question, then save.",
        "Responde al menos una pregunta y luego guarda.",
    ),
    (
        "Saved. Your reflection is on your portfolio page.",
        "Guardado. Tu reflexión aparece en tu página de portafolio.",
    ),
    (
        "This browser could not keep it (storage is full or blocked).",
        "Este navegador no pudo guardarla (el almacenamiento está lleno o bloqueado).",
    ),
    (
        "My portfolio page for this run (print or save as PDF)",
        "Mi página de portafolio de esta partida (imprimir o guardar como PDF)",
    ),
    ("My career profile", "Mi perfil profesional"),
    ("Portfolio page", "Página de portafolio"),
    (
        "The scenarios you have finished in this browser. It is kept only here, on this device; nobody else can see it, and you can clear it.",
        "Los escenarios que has terminado en este navegador. Se guarda solo aquí, en este dispositivo; nadie más puede verlo y puedes borrarlo.",
    ),
    (
        "No finished scenarios yet. Finish one and it appears here.",
        "Todavía no has terminado ningún escenario. Termina uno y aparecerá aquí.",
    ),
    (
        "Career clusters you have tried",
        "Familias profesionales que has probado",
    ),
    ("Cluster", "Familia profesional"),
    ("Careers", "Profesiones"),
    ("Runs", "Partidas"),
    ("Your interest (1–5)", "Tu interés (1–5)"),
    (
        "Career-Ready Practices you have shown",
        "Prácticas profesionales que has demostrado",
    ),
    ("{} ({} runs)", "{} ({} partidas)"),
    (
        "Skills you want to build",
        "Habilidades que quieres desarrollar",
    ),
    ("Your runs", "Tus partidas"),
    ("{} — {}: {}%", "{} — {}: {} %"),
    ("Clear my profile", "Borrar mi perfil"),
    (
        "Your career profile is cleared.",
        "Tu perfil profesional está borrado.",
    ),
    ("Portfolio: {}", "Portafolio: {}"),
    (
        "Career test-drive as a {} ({}), {}",
        "Prueba profesional como {} ({}), {}",
    ),
    ("My reflection", "Mi reflexión"),
    ("{} of 5", "{} de 5"),
    ("Print or save as PDF", "Imprimir o guardar como PDF"),
    // The Career-Ready Practices.
    (
        "Act as a responsible and contributing citizen and employee",
        "Actuar como ciudadano y empleado responsable que contribuye",
    ),
    (
        "Apply appropriate academic and technical skills",
        "Aplicar las habilidades académicas y técnicas adecuadas",
    ),
    (
        "Attend to personal health and financial well-being",
        "Cuidar la salud personal y el bienestar financiero",
    ),
    (
        "Communicate clearly, effectively and with reason",
        "Comunicar con claridad, eficacia y razonamiento",
    ),
    (
        "Consider the environmental, social and economic impacts of decisions",
        "Considerar el impacto ambiental, social y económico de las decisiones",
    ),
    (
        "Demonstrate creativity and innovation",
        "Demostrar creatividad e innovación",
    ),
    (
        "Employ valid and reliable research strategies",
        "Usar estrategias de investigación válidas y fiables",
    ),
    (
        "Use critical thinking to make sense of problems and persevere in solving them",
        "Usar el pensamiento crítico para entender los problemas y perseverar en resolverlos",
    ),
    (
        "Model integrity, ethical leadership and effective management",
        "Ser ejemplo de integridad, liderazgo ético y buena gestión",
    ),
    (
        "Plan education and career path aligned to personal goals",
        "Planificar la formación y la carrera según las metas personales",
    ),
    (
        "Use technology to enhance productivity",
        "Usar la tecnología para mejorar la productividad",
    ),
    (
        "Work productively in teams while using cultural and global competence",
        "Trabajar de forma productiva en equipo con competencia cultural y global",
    ),
];
