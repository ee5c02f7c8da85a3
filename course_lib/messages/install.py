"""Messages of the doctor's install checks: does the installed torch drive the machine's NVIDIA GPU?"""

MESSAGES = {
    "doctor_gpu_cpu_build": {
        "az": "Bu torch yalnız CPU qurmasıdır, amma kompüterdə NVIDIA GPU var (nvidia-smi tapıldı): təlim CPU-da "
              "aparılacaq. Windows-da PyPI-dan gələn torch həmişə yalnız CPU qurmasıdır. Eyni versiyanın CUDA "
              "wheel-ini quraşdırın:\n  {command}\n"
              "cu126 wheel-i GTX 9xx/10xx-dən RTX 40xx-ə qədər bütün kartlarda (RTX 2050 və T4 də daxil) işləyir; "
              "`nvidia-smi` yuxarı sağda \"CUDA Version: 12.x\" və ya daha yenisini göstərməlidir, köhnədirsə "
              "NVIDIA sürücüsünü yeniləyin. RTX 50xx (Blackwell) kartları üçün cu130 lazımdır (\"CUDA Version\" "
              "≥ 13.0):\n  {command_new}\nSonra `python -m course_lib.doctor` əmrini yenidən işə salın.",
        "en": "This torch is a CPU-only build, but this machine has an NVIDIA GPU (nvidia-smi found): training "
              "would run on the CPU. On Windows the torch from PyPI is always CPU-only. Install the CUDA wheel of "
              "the same version:\n  {command}\n"
              "The cu126 wheel runs on every card from GTX 9xx/10xx to RTX 40xx (RTX 2050 and T4 included); "
              "`nvidia-smi` must show \"CUDA Version: 12.x\" or newer at the top right, otherwise update the NVIDIA "
              "driver. RTX 50xx (Blackwell) cards need cu130 (\"CUDA Version\" ≥ 13.0):\n  {command_new}\n"
              "Then run `python -m course_lib.doctor` again.",
    },
    "doctor_gpu_unusable": {
        "az": "torch CUDA {cuda} qurmasıdır və nvidia-smi NVIDIA GPU tapır, amma torch GPU-dan istifadə edə "
              "bilmir. Çox vaxt səbəb sürücünün köhnə olmasıdır: `nvidia-smi`-nin yuxarı sağda göstərdiyi "
              "\"CUDA Version\" {cuda} versiyasından kiçikdirsə, NVIDIA sürücüsünü yeniləyin (sonra kompüteri "
              "yenidən başladın).",
        "en": "torch is a CUDA {cuda} build and nvidia-smi finds an NVIDIA GPU, but torch cannot use it. Most often "
              "the driver is too old: if the \"CUDA Version\" that `nvidia-smi` shows at the top right is below "
              "{cuda}, update the NVIDIA driver (then restart the computer).",
    },
    "doctor_gpu_legacy_wheel": {
        "az": "\nVə ya köhnə sürücülərdə də işləyən CUDA 12.6 wheel-ini quraşdırın:\n  {command}",
        "en": "\nOr install the CUDA 12.6 wheel, which older drivers run:\n  {command}",
    },
    "doctor_arch_missing": {
        "az": "Bu torch-da (CUDA {cuda}) GPU-nuz ({name}, sm_{sm}) üçün kompilyasiya olunmuş kod (kernel) yoxdur: "
              "yalnız {archs} üçün var. "
              "GPU-dakı hər əməliyyat \"no kernel image is available for execution on the device\" xətası ilə "
              "dayanardı. CUDA 13 wheel-ləri Turing-dən (7.5) köhnə kartları (GTX 9xx/10xx, Titan V) artıq "
              "dəstəkləmir, cu126 isə Blackwell-i (RTX 50xx) dəstəkləmir. sm_{sm} arxitekturasını dəstəkləyən "
              "wheel-i quraşdırın:\n  {command}",
        "en": "This torch (CUDA {cuda}) has no kernels for your GPU ({name}, sm_{sm}): only for {archs}. "
              "Every operation on the GPU would stop with \"no kernel image is available for execution on the "
              "device\". The CUDA 13 wheels no longer include cards older than Turing (7.5: GTX 9xx/10xx, Titan V), "
              "and cu126 does not include Blackwell (RTX 50xx). Install the wheel that has sm_{sm}:\n  {command}",
    },
    "doctor_arch_too_old": {
        "az": "GPU-nuz ({name}, sm_{sm}) bu torch versiyasının CUDA wheel-lərinin dəstəklədiyi kartlardan "
              "köhnədir (bu torch-da: {archs}; ən köhnəsi sm_50, Maxwell). "
              "Kursu CPU-da keçin: `COURSE_PROFILE=cpu` təyin edin.",
        "en": "Your GPU ({name}, sm_{sm}) is older than any GPU the CUDA wheels of this torch version support (this "
              "one has {archs}; the oldest is sm_50, Maxwell). Take the course on the CPU: set `COURSE_PROFILE=cpu`.",
    },
    "doctor_summary_warn": {
        "az": "Xəta yoxdur, amma {n} xəbərdarlıq var: yuxarıdakı [WARN] sətirlərinə baxın.",
        "en": "No failures, but {n} warning(s): see the [WARN] lines above.",
    },
}
