//! The patient's phrasebook: the Spanish of every sentence the model says. The
//! English stays where the model says it (`self.say("Monitor removed.")`); this
//! table is the one place a translator edits. The test below fails when a sentence
//! has no Spanish, or the table keeps one nothing says.
//!
//! Clinical Spanish as used in Latin American and US Spanish-language nursing
//! and EMS teaching: "saturación de oxígeno", "frecuencia respiratoria", drug names
//! by their international names. Decimal points stay points, as on a monitor.

use firstshift_core::Phrasebook;

pub const WORDS: Phrasebook = Phrasebook { spanish: SPANISH };

const SPANISH: &[(&str, &str)] = &[
    // What is measured, and how it reads.
    ("Heart rate", "Frecuencia cardiaca"),
    ("Respiratory rate", "Frecuencia respiratoria"),
    ("SpO2", "SpO2"),
    ("Blood pressure", "Presión arterial"),
    ("Temperature", "Temperatura"),
    ("Consciousness (ACVPU)", "Nivel de conciencia (ACVPU)"),
    ("Pain score", "Escala de dolor"),
    ("Blood glucose", "Glucemia capilar"),
    ("Blood pressure {}/{} mmHg", "Presión arterial {}/{} mmHg"),
    ("{} beats/min", "{} latidos/min"),
    ("{} breaths/min", "{} respiraciones/min"),
    ("no trace", "sin señal"),
    ("{} % on {}", "{} % con {}"),
    ("{} mmHg systolic", "{} mmHg de sistólica"),
    ("{} out of 10", "{} de 10"),
    ("Alert", "Alerta"),
    ("Confusion", "Confusión"),
    ("Voice", "Responde a la voz"),
    ("Pain", "Responde al dolor"),
    ("Unresponsive", "No responde"),
    // Oxygen devices.
    ("room air", "aire ambiente"),
    ("nasal cannula", "cánula nasal"),
    ("simple face mask", "mascarilla simple"),
    ("non-rebreather mask", "mascarilla con reservorio"),
    // NEWS2 and the response it calls for (RCP chart 2).
    ("NEWS2 {} ({} risk). {}", "NEWS2 {} (riesgo {}). {}"),
    ("low", "bajo"),
    ("low–medium", "bajo-medio"),
    ("medium", "medio"),
    ("high", "alto"),
    ("Minimum 12-hourly", "Como mínimo cada 12 horas"),
    ("Minimum 4–6-hourly", "Como mínimo cada 4–6 horas"),
    ("Minimum 1-hourly", "Como mínimo cada hora"),
    (
        "Continuous monitoring of vital signs",
        "Monitorización continua de las constantes vitales",
    ),
    (
        "Continue routine NEWS monitoring.",
        "Continuar con la vigilancia NEWS habitual.",
    ),
    (
        "Inform the registered nurse, who must assess the patient and decide whether to increase monitoring or escalate care.",
        "Informar a la enfermera o enfermero titulado, que debe valorar al paciente y decidir si aumenta la vigilancia o escala la atención.",
    ),
    (
        "The registered nurse informs the medical team caring for the patient, who review and decide whether escalation is needed (urgent ward-based response).",
        "La enfermera o enfermero titulado informa al equipo médico que atiende al paciente, que lo revisa y decide si hace falta escalar (respuesta urgente en la planta).",
    ),
    (
        "Key threshold for urgent response: the registered nurse immediately informs the medical team; urgent assessment by a clinician or team competent in assessing acutely ill patients; provide care in an environment with monitoring facilities.",
        "Umbral clave de respuesta urgente: la enfermera o enfermero titulado informa de inmediato al equipo médico; valoración urgente por un clínico o equipo competente en pacientes agudos graves; atender al paciente en un entorno con monitorización.",
    ),
    (
        "Emergency response: the registered nurse immediately informs the medical team, at least at specialist registrar level; emergency assessment by a team with critical-care competencies, including airway management; consider transfer to a level 2 or 3 clinical care facility.",
        "Respuesta de emergencia: la enfermera o enfermero titulado informa de inmediato al equipo médico, como mínimo a nivel de médico especialista; valoración de emergencia por un equipo con competencias en cuidados críticos, incluido el manejo de la vía aérea; considerar el traslado a una unidad de nivel 2 o 3.",
    ),
    // The monitor.
    (
        "Monitor alarm: asystole, no output!",
        "Alarma del monitor: ¡asistolia, sin gasto cardiaco!",
    ),
    ("Monitor alarm: {} {}", "Alarma del monitor: {} {}"),
    ("Monitor alarm. {}", "Alarma del monitor. {}"),
    (
        "Monitor attached: ECG, pulse oximeter and blood-pressure cuff.",
        "Monitor conectado: ECG, pulsioxímetro y manguito de presión arterial.",
    ),
    ("Monitor removed.", "Monitor retirado."),
    (
        "Monitor on {}: no pulse. Cardiac arrest.",
        "Monitor de {}: sin pulso. Paro cardiaco.",
    ),
    (
        "Monitor attached to {}: heart rate, SpO2 and breathing live.",
        "Monitor conectado a {}: frecuencia cardiaca, SpO2 y respiración en directo.",
    ),
    (
        "No monitor attached to {}: the values are what you last measured.",
        "{} no tiene monitor conectado: los valores son los que mediste por última vez.",
    ),
    (
        "No monitor attached. Values at right are your last measurements.",
        "Sin monitor conectado. Los valores de la derecha son tus últimas mediciones.",
    ),
    (
        "{}, live on the monitor.{}",
        "{}, en directo en el monitor.{}",
    ),
    ("{}, measured at {}.{}", "{}, medido a los {}.{}"),
    (" Alarm: out of range.", " Alarma: fuera de rango."),
    ("{}: not measured yet.", "{}: todavía sin medir."),
    ("at {}", "a los {}"),
    (
        "NEWS2: no full set of observations charted yet.",
        "NEWS2: todavía no se ha registrado una serie completa de constantes.",
    ),
    ("{} at {}", "{} a los {}"),
    ("NEWS2 charted: {}.", "NEWS2 registrados: {}."),
    // The patient changes.
    (
        "{} has stopped breathing and has no pulse: cardiac arrest.",
        "{} ha dejado de respirar y no tiene pulso: paro cardiaco.",
    ),
    (
        "is awake and alert again",
        "vuelve a estar despierto y alerta",
    ),
    (
        "seems newly confused",
        "parece confuso, y antes no lo estaba",
    ),
    (
        "is drowsy and opens their eyes only when you speak",
        "tiene somnolencia y solo abre los ojos cuando le hablas",
    ),
    ("responds only to pain", "solo responde al dolor"),
    ("does not respond at all", "no responde a nada"),
    ("{} is more awake: {} {}.", "{} está más despierto: {} {}."),
    // Examinations.
    (
        "No breathing, no pulse: the patient is in cardiac arrest.",
        "No respira y no tiene pulso: el paciente está en paro cardiaco.",
    ),
    (
        "Snoring, gurgling breaths: the airway is at risk.",
        "Ronquidos y respiración con gorgoteo: la vía aérea está en peligro.",
    ),
    (
        "Hoarse voice and noisy breathing in (stridor); lips and tongue are swollen.",
        "Voz ronca y ruido al inspirar (estridor); labios y lengua hinchados.",
    ),
    (
        "Airway open, but speaking only single words between breaths.",
        "Vía aérea abierta, pero solo dice palabras sueltas entre respiraciones.",
    ),
    (
        "Airway open while you talk to the patient; they drift off between answers.",
        "Vía aérea abierta mientras hablas con el paciente; se queda dormido entre respuestas.",
    ),
    (
        "Talking in full sentences: the airway is clear.",
        "Habla con frases completas: la vía aérea está despejada.",
    ),
    (
        "Silent chest: hardly any air moving. This is life-threatening.",
        "Tórax silencioso: apenas entra aire. Esto pone en peligro la vida.",
    ),
    (
        "Loud wheeze throughout; using the neck muscles to breathe.",
        "Sibilancias fuertes en todo el tórax; usa los músculos del cuello para respirar.",
    ),
    (
        "A mild wheeze as the patient breathes out.",
        "Una sibilancia leve cuando el paciente espira.",
    ),
    (
        "Fine crackles at both lung bases.",
        "Crepitantes finos en ambas bases pulmonares.",
    ),
    (
        "Slow, shallow breaths.",
        "Respiraciones lentas y superficiales.",
    ),
    (
        "Clear breath sounds on both sides; the chest rises equally.",
        "Ruidos respiratorios claros en ambos lados; el tórax se eleva por igual.",
    ),
    (
        "Raised red hives over the chest and arms; the face is flushed.",
        "Ronchas rojas en relieve en el pecho y los brazos; la cara está enrojecida.",
    ),
    (
        "The lips look blue (cyanosis).",
        "Los labios se ven azulados (cianosis).",
    ),
    ("Pale, cool and clammy.", "Pálido, frío y sudoroso."),
    (
        "Hot and flushed to touch.",
        "Caliente y enrojecido al tacto.",
    ),
    ("Pale and sweaty.", "Pálido y sudoroso."),
    (
        "Warm and dry, normal colour.",
        "Templado y seco, de color normal.",
    ),
    (
        "Capillary refill {} seconds: {}.",
        "Relleno capilar de {} segundos: {}.",
    ),
    (
        "slow (normal is 2 seconds or less)",
        "lento (lo normal es 2 segundos o menos)",
    ),
    ("normal", "normal"),
    (
        "Pinpoint pupils, equal, sluggish to light.",
        "Pupilas puntiformes, iguales, que reaccionan lentamente a la luz.",
    ),
    (
        "Pupils equal and reactive to light, 4 mm.",
        "Pupilas iguales y reactivas a la luz, de 4 mm.",
    ),
    // Answers.
    (
        "I'm not sure. Nobody's asked me that.",
        "No estoy seguro. Nadie me lo ha preguntado.",
    ),
    (
        "{} is muddled and slow to answer: \u{201c}{}\u{201d} You are not sure this is reliable.",
        "{} está confuso y tarda en contestar: \u{201c}{}\u{201d} No tienes claro que sea fiable.",
    ),
    (
        "{} mumbles and drifts off; you cannot get a clear answer.",
        "{} murmura y se adormece; no consigues una respuesta clara.",
    ),
    (
        "No answer: {} does not respond.",
        "Sin respuesta: {} no responde.",
    ),
    // Treatments.
    (
        "Oxygen removed: {} is breathing room air.",
        "Oxígeno retirado: {} respira aire ambiente.",
    ),
    ("Oxygen by {}.", "Oxígeno con {}."),
    (
        "{} ml of fluid running in over {} minutes.",
        "{} ml de suero pasando en {} minutos.",
    ),
    (
        "Salbutamol nebuliser started.",
        "Nebulización de salbutamol iniciada.",
    ),
    (
        "You try to give glucose gel, but {} cannot swallow it.",
        "Intentas darle gel de glucosa, pero {} no puede tragarlo.",
    ),
    (
        "{} takes 15–20 g of fast-acting glucose.",
        "{} toma 15–20 g de glucosa de acción rápida.",
    ),
    (
        "150 ml of 10 % glucose given into a vein.",
        "150 ml de glucosa al 10 % por vía intravenosa.",
    ),
    (
        "Glucagon 1 mg given into the thigh muscle.",
        "Glucagón 1 mg en el músculo del muslo.",
    ),
    (
        "Naloxone 400 micrograms given.",
        "Naloxona 400 microgramos administrada.",
    ),
    (
        "Adrenaline (epinephrine) given into the outer thigh muscle.",
        "Adrenalina (epinefrina) en el músculo de la cara externa del muslo.",
    ),
    (
        "IV antibiotics started.",
        "Antibióticos intravenosos iniciados.",
    ),
    ("Paracetamol 1 g given.", "Paracetamol 1 g administrado."),
    (
        "Morphine 5 mg given into a vein.",
        "Morfina 5 mg por vía intravenosa.",
    ),
    ("Infusion stopped.", "Perfusión detenida."),
    (
        "There was no infusion running.",
        "No había ninguna perfusión en marcha.",
    ),
    (
        "Firm direct pressure on the wound: the bleeding slows to an ooze.",
        "Presión directa y firme sobre la herida: el sangrado se reduce a un rezumado.",
    ),
    ("Patient laid flat.", "Paciente tumbado boca arriba."),
    ("Patient sat upright.", "Paciente sentado erguido."),
    (
        "Patient lying flat with the legs raised.",
        "Paciente tumbado con las piernas elevadas.",
    ),
    (
        "Patient rolled into the recovery position.",
        "Paciente colocado en posición lateral de seguridad.",
    ),
    // Harm.
    (
        "Fluid overload: crackles at both lung bases and falling oxygen saturation.",
        "Sobrecarga de líquidos: crepitantes en ambas bases pulmonares y saturación de oxígeno en descenso.",
    ),
    (
        "Something to swallow was given to a patient who cannot swallow safely: risk of choking and aspiration.",
        "Se dio algo para tragar a un paciente que no puede tragar con seguridad: riesgo de atragantamiento y aspiración.",
    ),
    (
        "An opioid was given while breathing and consciousness were already depressed.",
        "Se administró un opioide cuando la respiración y la conciencia ya estaban deprimidas.",
    ),
    (
        "Oxygen was removed from a patient with low oxygen saturation.",
        "Se retiró el oxígeno a un paciente con la saturación de oxígeno baja.",
    ),
    (
        "High-flow oxygen in a patient who retains carbon dioxide: drowsiness from rising CO2.",
        "Oxígeno a alto flujo en un paciente que retiene dióxido de carbono: somnolencia por el CO2 en aumento.",
    ),
    (
        "A drug was given that this patient should not have had.",
        "Se administró un fármaco que este paciente no debía recibir.",
    ),
    // The debrief's chart.
    (
        "The patient over your run: NEWS2 and vital signs",
        "El paciente durante tu partida: NEWS2 y constantes vitales",
    ),
    ("Breathing rate", "Frecuencia respiratoria"),
    ("Systolic BP", "Presión sistólica"),
    (
        "The run ended before the patient had a score.",
        "La partida terminó antes de que el paciente tuviera una puntuación.",
    ),
    (
        "NEWS2 was {} at the start, never went higher, and was {} at the end.",
        "El NEWS2 era {} al principio, nunca subió más y era {} al final.",
    ),
    (
        "NEWS2 was {} at the start, reached {} at {}, and was {} at the end.",
        "El NEWS2 era {} al principio, llegó a {} a los {} y era {} al final.",
    ),
];

#[cfg(test)]
mod tests {
    use super::WORDS;
    use crate::news2::Consciousness;
    use crate::patient::consciousness_name;
    use crate::{Harm, OxygenDevice, Vital};

    #[test]
    fn every_sentence_the_patient_says_has_spanish() {
        // Words said through a lookup (`self.say(vital.label())`), not a literal.
        let mut said: Vec<&str> = Vital::ALL.iter().map(|v| v.label()).collect();
        said.extend(
            [
                OxygenDevice::Air,
                OxygenDevice::NasalCannula,
                OxygenDevice::SimpleMask,
                OxygenDevice::NonRebreather,
            ]
            .map(OxygenDevice::label),
        );
        said.extend(
            [
                Harm::FluidOverload,
                Harm::AspirationRisk,
                Harm::OpioidWhileDepressed,
                Harm::OxygenWithdrawn,
                Harm::OxygenExcessInCopd,
                Harm::WrongDrug,
            ]
            .map(Harm::text),
        );
        said.extend(
            [
                Consciousness::Alert,
                Consciousness::Confusion,
                Consciousness::Voice,
                Consciousness::Pain,
                Consciousness::Unresponsive,
            ]
            .map(consciousness_name),
        );
        said.extend(
            crate::news2::RESPONSES
                .iter()
                .flat_map(|r| [r.monitoring, r.action]),
        );
        let sources = firstshift_testkit::rust_sources(env!("CARGO_MANIFEST_DIR"));
        let texts: Vec<&str> = sources.iter().map(String::as_str).collect();
        let problems = WORDS.check(&texts, &said);
        assert!(problems.is_empty(), "{problems:#?}");
    }
}
