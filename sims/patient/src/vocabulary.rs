//! The words a scenario file uses for the patient: what can be measured, examined,
//! asked and given. Each is a closed list, so a typo is a diagnostic naming the
//! valid words.

use serde::{Deserialize, Serialize};

/// A vital sign or bedside measurement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Vital {
    HeartRate,
    RespRate,
    Spo2,
    /// Systolic / diastolic (mean) in mmHg. Compared by its systolic value.
    BloodPressure,
    Temperature,
    /// ACVPU. Compared as 0 (Alert) to 4 (Unresponsive).
    Consciousness,
    Pain,
    /// Capillary blood glucose (a finger-prick test).
    Glucose,
}

impl Vital {
    pub const ALL: [Vital; 8] = [
        Vital::HeartRate,
        Vital::RespRate,
        Vital::Spo2,
        Vital::BloodPressure,
        Vital::Temperature,
        Vital::Consciousness,
        Vital::Pain,
        Vital::Glucose,
    ];

    /// How a chart or a monitor labels it.
    pub fn label(self) -> &'static str {
        match self {
            Vital::HeartRate => "Heart rate",
            Vital::RespRate => "Respiratory rate",
            Vital::Spo2 => "SpO2",
            Vital::BloodPressure => "Blood pressure",
            Vital::Temperature => "Temperature",
            Vital::Consciousness => "Consciousness (ACVPU)",
            Vital::Pain => "Pain score",
            Vital::Glucose => "Blood glucose",
        }
    }
}

/// A physical examination.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Exam {
    /// Look, listen, feel: can the patient speak, any noises?
    Airway,
    /// Listen to the chest: breath sounds and work of breathing.
    Chest,
    /// Colour, temperature, sweat, rash.
    Skin,
    /// Press a fingertip for five seconds and count the refill.
    CapillaryRefill,
    Pupils,
}

/// A history question: SAMPLE (signs and symptoms, allergies, medications, past
/// history, last oral intake, events) and OPQRST for pain (onset, provocation,
/// quality, radiation, severity, time).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Topic {
    Symptoms,
    Allergies,
    Medications,
    PastHistory,
    LastMeal,
    Events,
    Onset,
    Provocation,
    Quality,
    Radiation,
    Severity,
    Timing,
}

/// Supplemental oxygen, from none to the most.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
pub enum OxygenDevice {
    /// Room air: no oxygen (removing a device).
    #[default]
    Air,
    /// Nasal cannula at 2–4 L/min, about 28–36 % oxygen.
    NasalCannula,
    /// Simple face mask at 5–10 L/min, about 40–60 %.
    SimpleMask,
    /// Non-rebreather mask at 15 L/min, about 60–90 %.
    NonRebreather,
}

impl OxygenDevice {
    /// The fraction of inspired oxygen the model uses for the device.
    pub fn fio2(self) -> f64 {
        match self {
            OxygenDevice::Air => 0.21,
            OxygenDevice::NasalCannula => 0.32,
            OxygenDevice::SimpleMask => 0.5,
            OxygenDevice::NonRebreather => 0.8,
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            OxygenDevice::Air => "room air",
            OxygenDevice::NasalCannula => "nasal cannula",
            OxygenDevice::SimpleMask => "simple face mask",
            OxygenDevice::NonRebreather => "non-rebreather mask",
        }
    }
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
pub enum Position {
    /// Lying flat on the back.
    #[default]
    LyingFlat,
    /// Sitting upright: easier breathing, a little lower pressure in shock.
    SittingUp,
    /// Lying flat with the legs raised: about 300 ml of blood back to the heart,
    /// but harder breathing.
    LegsRaised,
    /// On the side, airway protected: for a patient who cannot protect their own.
    Recovery,
}

/// How glucose is given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum GlucoseRoute {
    /// 15–20 g of glucose gel, tablets or juice: only if the patient can swallow safely.
    Oral,
    /// 10 % glucose into a vein (150 ml).
    Intravenous,
    /// Glucagon 1 mg into a muscle.
    Glucagon,
}

/// A treatment, as rubric conditions name it (`Given(Naloxone)`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Treatment {
    /// Any oxygen device (not room air).
    Oxygen,
    FluidBolus,
    Bronchodilator,
    Glucose,
    Naloxone,
    Adrenaline,
    Antibiotics,
    Paracetamol,
    Morphine,
    StopInfusion,
    ControlBleeding,
    Position,
}

/// Harm the model recognises as it happens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Harm {
    /// Fluid beyond what the heart can handle: water in the lungs.
    FluidOverload,
    /// Food or drink by mouth to a patient who cannot swallow safely.
    AspirationRisk,
    /// An opioid given to a patient whose breathing or consciousness is already depressed.
    OpioidWhileDepressed,
    /// Oxygen taken away from a hypoxic patient.
    OxygenWithdrawn,
    /// High-flow oxygen in a patient who retains carbon dioxide.
    OxygenExcessInCopd,
    /// A drug the patient is known to be allergic to, or adrenaline with no indication.
    WrongDrug,
}

impl Harm {
    pub fn text(self) -> &'static str {
        match self {
            Harm::FluidOverload => {
                "Fluid overload: crackles at both lung bases and falling oxygen saturation."
            }
            Harm::AspirationRisk => {
                "Something to swallow was given to a patient who cannot swallow safely: risk of choking and aspiration."
            }
            Harm::OpioidWhileDepressed => {
                "An opioid was given while breathing and consciousness were already depressed."
            }
            Harm::OxygenWithdrawn => {
                "Oxygen was removed from a patient with low oxygen saturation."
            }
            Harm::OxygenExcessInCopd => {
                "High-flow oxygen in a patient who retains carbon dioxide: drowsiness from rising CO2."
            }
            Harm::WrongDrug => "A drug was given that this patient should not have had.",
        }
    }
}
