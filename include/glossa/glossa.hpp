// Everything public in one include.
#pragma once
#include "glossa/content.hpp"
#include "glossa/coverage.hpp"
#include "glossa/engine.hpp"
#include "glossa/error.hpp"
#include "glossa/format.hpp"
#include "glossa/locale.hpp"
#include "glossa/model.hpp"
#include "glossa/qa.hpp"
#include "glossa/report.hpp"
#include "glossa/store.hpp"
#include "glossa/version.hpp"
#include "glossa/xliff.hpp"
